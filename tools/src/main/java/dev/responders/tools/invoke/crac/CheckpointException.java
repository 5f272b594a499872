package dev.responders.tools.invoke.crac;

/** A resource failed before the checkpoint. */
public class CheckpointException extends Exception {

  public CheckpointException(Throwable cause) {
    super(cause);
  }
}
