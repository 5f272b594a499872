package dev.responders.shared.error;

import dev.responders.shared.audit.AuditRecord;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A step failed after others had already changed the account. Carries what was done so an operator (or a
 * retry, since plans re-read state) can finish or revert; thrown so Lambda counts the invocation as failed,
 * retries it and finally sends it to the failure destination.
 */
public final class RemediationIncompleteException extends RuntimeException {

  private final String failedAction;
  private final List<AuditRecord> completed;

  public RemediationIncompleteException(String failedAction, String target, List<AuditRecord> completed,
      Throwable cause) {
    super("Failed at " + failedAction + " on " + target + " after " + describe(completed) + ": "
        + cause.getMessage(), cause);
    this.failedAction = failedAction;
    this.completed = List.copyOf(completed);
  }

  public String failedAction() {
    return failedAction;
  }

  public List<AuditRecord> completed() {
    return completed;
  }

  private static String describe(List<AuditRecord> completed) {
    if (completed.isEmpty()) {
      return "no change";
    }
    return completed.stream().map(r -> r.action() + " " + r.target()).collect(Collectors.joining(", ", "[", "]"));
  }
}
