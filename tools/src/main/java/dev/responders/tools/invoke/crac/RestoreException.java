package dev.responders.tools.invoke.crac;

/** A resource failed after the restore. */
public class RestoreException extends Exception {

  public RestoreException(Throwable cause) {
    super(cause);
  }
}
