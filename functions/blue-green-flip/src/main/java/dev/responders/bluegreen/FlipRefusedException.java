package dev.responders.bluegreen;

/** The marker cannot be set as asked (missing, or holding a value that is no colour); nothing was written. */
public final class FlipRefusedException extends RuntimeException {

  private final FailureKind kind;

  public FlipRefusedException(FailureKind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public FailureKind kind() {
    return kind;
  }
}
