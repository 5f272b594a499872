package dev.responders.securityhub;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.responders.securityhub.FindingRemediator.Ignored;
import dev.responders.shared.audit.AuditRecord;
import dev.responders.shared.notify.Delivery;
import java.util.List;
import java.util.Locale;

/**
 * What one invocation did, returned by the handler and sent (without the audit changes) to the responders.
 *
 * @param reason         why nothing was done, when skipped
 * @param findings       every finding acted on, with its note and workflow status
 * @param ignored        findings out of scope (no update was written to them)
 * @param findingUpdates the BatchUpdateFindings calls and what Security Hub refused
 * @param changes        every AWS mutation made
 * @param notification   whether responders were told, or null when there was nothing to tell
 */
public record RemediationResult(
    Status status,
    FindingsEvent.Mode mode,
    boolean dryRun,
    String reason,
    List<FindingOutcome> findings,
    List<Ignored> ignored,
    FindingUpdater.Report findingUpdates,
    List<AuditRecord> changes,
    Delivery notification) {

  /** The outcome of one invocation. */
  public enum Status {
    /** Every finding in scope was remediated, found compliant, or reported on its note. */
    COMPLETED,
    /** At least one finding could not be remediated or updated; the invocation fails so Lambda retries. */
    INCOMPLETE,
    /** Not our event, or no finding in scope; the reason says why. */
    SKIPPED;

    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static RemediationResult skipped(FindingsEvent.Mode mode, String reason, List<Ignored> ignored) {
    return new RemediationResult(Status.SKIPPED, mode, false, reason, List.of(), ignored, null, List.of(), null);
  }

  RemediationResult withNotification(Delivery delivery) {
    return new RemediationResult(status, mode, dryRun, reason, findings, ignored, findingUpdates, changes, delivery);
  }
}
