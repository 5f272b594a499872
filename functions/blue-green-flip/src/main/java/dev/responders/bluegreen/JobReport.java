package dev.responders.bluegreen;

import com.fasterxml.jackson.annotation.JsonValue;

/** What CodePipeline was told about the job. */
public enum JobReport {
  /** PutJobSuccessResult accepted. */
  SUCCEEDED("succeeded"),
  /** PutJobFailureResult accepted. */
  FAILED("failed"),
  /** CodePipeline no longer waits for this job (already reported, or timed out): there is nothing left to tell. */
  ALREADY_CLOSED("already-closed"),
  /** CodePipeline does not know the job (another account or region): nobody to tell. */
  JOB_NOT_FOUND("job-not-found");

  private final String value;

  JobReport(String value) {
    this.value = value;
  }

  @JsonValue
  public String value() {
    return value;
  }
}
