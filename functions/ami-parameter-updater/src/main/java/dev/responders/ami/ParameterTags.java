package dev.responders.ami;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** The tags that say which image a parameter's value comes from, so a reader needs no other lookup. */
final class ParameterTags {

  static final String PREFIX = "imagebuilder-ami:";
  static final String IMAGE_ARN = PREFIX + "image-arn";
  static final String VERSION = PREFIX + "version";
  static final String BUILD_VERSION = PREFIX + "build-version";
  static final String PIPELINE_ARN = PREFIX + "pipeline-arn";
  static final String AMI_NAME = PREFIX + "ami-name";
  static final String DATE_CREATED = PREFIX + "date-created";

  /** What SSM accepts in a tag value (no comma, for one); anything else becomes '_'. */
  private static final Pattern NOT_ALLOWED = Pattern.compile("[^\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]");
  private static final int MAX_VALUE = 256;

  private ParameterTags() {
  }

  static Map<String, String> of(ImageBuild image, Ami ami) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(IMAGE_ARN, value(image.arn().toString()));
    tags.put(VERSION, image.arn().version().toString());
    tags.put(BUILD_VERSION, Long.toString(image.arn().buildVersion()));
    if (image.pipelineArn() != null) {
      tags.put(PIPELINE_ARN, value(image.pipelineArn()));
    }
    if (ami.name() != null) {
      tags.put(AMI_NAME, value(ami.name()));
    }
    if (image.dateCreated() != null) {
      tags.put(DATE_CREATED, value(image.dateCreated()));
    }
    return tags;
  }

  /** Whether a tag key is one this function manages (and so may remove when an image has no such value). */
  static boolean managed(String key) {
    return key.startsWith(PREFIX);
  }

  private static String value(String text) {
    String allowed = NOT_ALLOWED.matcher(text).replaceAll("_");
    return allowed.length() <= MAX_VALUE ? allowed : allowed.substring(0, MAX_VALUE);
  }
}
