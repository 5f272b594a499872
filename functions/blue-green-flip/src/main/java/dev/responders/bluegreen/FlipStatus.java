package dev.responders.bluegreen;

import com.fasterxml.jackson.annotation.JsonValue;

/** What one invocation did with the marker. */
public enum FlipStatus {
  /** The marker now holds a new colour. */
  FLIPPED("flipped"),
  /** This job, execution or deployment had already set it (a retry): nothing written. */
  ALREADY_FLIPPED("already-flipped"),
  /** The requested colour was already live: nothing written. */
  ALREADY_LIVE("already-live"),
  /** Nothing written, and the failure was reported (to the pipeline for a job). */
  FAILED("failed"),
  /** Out of scope (another application's deployment, another state): nothing written. */
  SKIPPED("skipped");

  private final String value;

  FlipStatus(String value) {
    this.value = value;
  }

  @JsonValue
  public String value() {
    return value;
  }
}
