package dev.responders.shared.error;

/**
 * The event does not have the shape the handler needs. Nothing was done in AWS; delivering the same event
 * again cannot succeed, so it is reported, never acted on.
 */
public final class InvalidEventException extends RuntimeException {

  private final String field;

  public InvalidEventException(String field, String problem) {
    super("Invalid event: " + field + " " + problem);
    this.field = field;
  }

  /** The JSON path of the offending field, e.g. {@code detail.tags} or {@code resources[0]}. */
  public String field() {
    return field;
  }
}
