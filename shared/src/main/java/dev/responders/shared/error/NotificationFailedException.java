package dev.responders.shared.error;

/**
 * The work is done but the responders could not be told. Thrown after the work, so Lambda retries the
 * invocation: the retry finds the work done and sends the notification the handler still owes. A notification
 * is never dropped silently.
 */
public final class NotificationFailedException extends RuntimeException {

  private final String subject;

  public NotificationFailedException(String subject, Object result) {
    super("Notification not sent (" + subject + "); the work is done and the retry sends it. Result: " + result);
    this.subject = subject;
  }

  /** The subject of the notification that is still owed. */
  public String subject() {
    return subject;
  }
}
