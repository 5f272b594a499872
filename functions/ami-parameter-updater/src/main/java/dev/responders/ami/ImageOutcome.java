package dev.responders.ami;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What one image's event came to. */
public enum ImageOutcome {
  /** At least one parameter now points at this image's AMI (created, overwritten or retagged). */
  UPDATED,
  /** Every parameter already held this image's AMI or a newer one's: nothing written. */
  UNCHANGED,
  /** Nothing to do: an image still building, gone, without AMIs, or an event of another kind. */
  SKIPPED,
  /** A FAILED, CANCELLED or DEPRECATED image: nothing written, the responders told. */
  REPORTED,
  /** Some parameters could not be written; the invocation fails so the retry finishes. */
  INCOMPLETE;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
