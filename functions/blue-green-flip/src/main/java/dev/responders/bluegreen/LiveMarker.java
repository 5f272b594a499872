package dev.responders.bluegreen;

import java.util.List;
import java.util.Optional;

/**
 * The marker parameter as SSM reports it: its current value and every version it keeps (SSM keeps the last 100),
 * each with the description that says who set it.
 *
 * @param name     the parameter name
 * @param versions oldest first; the last is the current one
 */
public record LiveMarker(String name, List<Version> versions) {

  /** What the marker holds before the first deployment, as the seed's template creates it. */
  static final String NO_DEPLOYMENT_YET = "null";

  /** One version of the parameter. */
  public record Version(long version, String value, String description) {
  }

  public LiveMarker {
    if (versions.isEmpty()) {
      throw new IllegalArgumentException("a parameter has at least one version");
    }
    versions = List.copyOf(versions);
  }

  public Version current() {
    return versions.get(versions.size() - 1);
  }

  /** The value as stored: {@code null}, {@code blue}, {@code green}, or anything someone else wrote. */
  public String value() {
    return current().value();
  }

  /** True for the first-deployment value {@code null}. */
  public boolean beforeFirstDeployment() {
    return NO_DEPLOYMENT_YET.equals(value());
  }

  /** The live colour, or empty before the first deployment and for a value that is no colour. */
  public Optional<Colour> colour() {
    return Colour.named(value());
  }

  /**
   * The version this job, execution or deployment wrote, if it ever wrote one: the oldest that names it, since a
   * later hand-made overwrite without a description carries the previous description over.
   */
  public Optional<Version> setBy(FlipOrigin origin) {
    return versions.stream().filter(v -> origin.recordedIn(v.description())).findFirst();
  }
}
