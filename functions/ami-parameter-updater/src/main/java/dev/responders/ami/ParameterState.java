package dev.responders.ami;

import java.util.Optional;

/**
 * The newest version of a parameter, as {@code GetParameterHistory} shows it.
 *
 * @param image the image its description names: set by this function together with the value, in one call, so
 *              it always says which image the value came from (tags are set in a second call for an existing
 *              parameter, and could lag behind)
 */
public record ParameterState(String value, long version, String dataType, String description, Optional<ImageArn> image) {

  /** What this function writes as the description: the image, whose ARN orders later writes. */
  static String describe(ImageBuild image) {
    return "Latest AMI of EC2 Image Builder image " + image.arn() + " (written by ami-parameter-updater)";
  }
}
