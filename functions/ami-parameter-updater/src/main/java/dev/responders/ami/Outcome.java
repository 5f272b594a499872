package dev.responders.ami;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What became of one parameter. */
public enum Outcome {
  /** Created with the AMI, its tags set in the same call. */
  CREATED(true),
  /** Overwritten with a newer image's AMI (a new parameter version), and retagged. */
  UPDATED(true),
  /** Already the AMI of this image, tags included: a redelivery. */
  UNCHANGED(true),
  /** Already the AMI of this image; its tags were completed (what an earlier attempt left undone). */
  RETAGGED(true),
  /** Holds a newer image's AMI: an older build or version arrived late, and changed nothing. */
  KEPT_NEWER(true),
  /** Another account's AMI and no role to write there ({@code TargetAccountRoleName} empty). */
  SKIPPED(true),
  /** A parameter of that name exists that this function did not write: left as it is. */
  CONFLICT(false),
  /** A call failed: nothing, or not all, was written; the retry finishes. */
  FAILED(false),
  /** The value is written but its tags could not be: the retry completes them. */
  TAGS_NOT_WRITTEN(false),
  /** Not tried: the invocation's time ran out first (regions before it hung); the retry writes it. */
  NOT_TRIED(false),
  /** SSM accepted the value but did not show it when read back ({@code aws:ec2:image} is validated asynchronously). */
  UNCONFIRMED(false);

  private final boolean done;

  Outcome(boolean done) {
    this.done = done;
  }

  /** Whether nothing is left to do for this parameter. */
  public boolean done() {
    return done;
  }

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
