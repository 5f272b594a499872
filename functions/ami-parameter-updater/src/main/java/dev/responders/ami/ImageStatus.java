package dev.responders.ami;

import dev.responders.shared.error.InvalidEventException;
import java.util.Arrays;

/** The states of an Image Builder image (API {@code ImageState.status}) and what each means for its parameters. */
public enum ImageStatus {
  PENDING, CREATING, BUILDING, TESTING, DISTRIBUTING, INTEGRATING,
  AVAILABLE,
  CANCELLED, FAILED, DEPRECATED,
  DELETED, DISABLED;

  /** What the function does for an image in this state. */
  public enum Handling {
    /** Point the parameters at its AMIs. */
    PUBLISH,
    /** Change nothing and tell the responders (the build did not produce an image to use). */
    REPORT,
    /** Change nothing: still in progress, or gone. */
    IGNORE
  }

  public Handling handling() {
    return switch (this) {
      case AVAILABLE -> Handling.PUBLISH;
      case FAILED, CANCELLED, DEPRECATED -> Handling.REPORT;
      default -> Handling.IGNORE;
    };
  }

  /** The status named in event field {@code field}; an unknown one is an invalid event. */
  public static ImageStatus parse(String value, String field) {
    return Arrays.stream(values()).filter(s -> s.name().equals(value)).findFirst()
        .orElseThrow(() -> new InvalidEventException(field, "must be an Image Builder image status ("
            + Arrays.toString(values()) + "), got '" + value + "'"));
  }
}
