package dev.responders.bluegreen;

/** Why a flip could not be done, as CodePipeline's failure types tell a pipeline's operator where to look. */
public enum FailureKind {
  /** The action or the stack is set up wrong: UserParameters, the parameter's name. CodePipeline ConfigurationError. */
  CONFIGURATION("ConfigurationError"),
  /** The function may not read or write the parameter. CodePipeline PermissionError. */
  PERMISSION("PermissionError"),
  /** The marker holds something unexpected, or a call failed. CodePipeline JobFailed. */
  JOB("JobFailed");

  private final String failureType;

  FailureKind(String failureType) {
    this.failureType = failureType;
  }

  /** CodePipeline's FailureType name. */
  public String failureType() {
    return failureType;
  }
}
