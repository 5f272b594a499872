package dev.responders.securityhub;

import dev.responders.securityhub.FindingOutcome.Status;
import dev.responders.securityhub.FindingRemediator.Run;
import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.error.NotificationFailedException;
import dev.responders.shared.error.RemediationIncompleteException;
import dev.responders.shared.lambda.TimeBudget;
import dev.responders.shared.notify.Delivery;
import dev.responders.shared.notify.Notifier;
import java.util.stream.Collectors;

/**
 * One findings event end to end: remediate, write every finding's note and status, tell the responders once,
 * and fail the invocation when a finding could not be remediated or updated (Lambda retries; the retry re-reads
 * every resource, so what is already compliant is left alone and only the rest is done).
 *
 * <p>Every event with a finding in scope is notified, including a retry whose work was all done before: so a
 * notification that could not be sent is owed by the event itself, and the retry sends it.
 */
public final class FindingsResponder {

  private final PlaybooksConfig config;
  private final FindingRemediator remediator;
  private final FindingUpdater updater;
  private final Notifier notifier;

  public FindingsResponder(PlaybooksConfig config, FindingRemediator remediator, FindingUpdater updater,
      Notifier notifier) {
    this.config = config;
    this.remediator = remediator;
    this.updater = updater;
    this.notifier = notifier;
  }

  public RemediationResult respond(FindingsEvent event, AuditLog audit, TimeBudget budget) {
    Run run = remediator.remediate(event, audit, budget);
    if (run.outcomes().isEmpty()) {
      String reason = "no finding in scope (" + run.ignored().size() + " ignored)";
      audit.decision("skip", event.eventId(), reason);
      return RemediationResult.skipped(event.mode(), reason, run.ignored());
    }
    FindingUpdater.Report updates = updater.update(run.outcomes(), audit);
    long failed = run.outcomes().stream().filter(o -> o.status() == Status.FAILED).count();
    boolean incomplete = failed > 0 || !updates.notUpdated().isEmpty();
    RemediationResult result = new RemediationResult(
        incomplete ? RemediationResult.Status.INCOMPLETE : RemediationResult.Status.COMPLETED, event.mode(),
        config.dryRun(), null, run.outcomes(), run.ignored(), updates, audit.changes(), null);
    Outcome outcome = Outcome.of(run.outcomes(), incomplete);
    String subject = subject(result, failed);
    Delivery sent = notifier.notify(SecurityHubPlaybooksHandler.NAME, outcome.label(), subject,
        result.withNotification(null), audit);
    if (incomplete) {
      String summary = failed + " finding(s) not remediated, " + updates.notUpdated().size() + " not updated: "
          + run.outcomes().stream().filter(o -> o.status() == Status.FAILED).map(FindingOutcome::note)
              .collect(Collectors.joining(" | "));
      throw new RemediationIncompleteException("remediate", event.eventId(), audit.changes(),
          new IllegalStateException(summary));
    }
    if (sent == Delivery.FAILED) {
      throw new NotificationFailedException(subject, "findings updated; the retry finds them compliant and"
          + " sends the notification");
    }
    return result.withNotification(sent);
  }

  private static String subject(RemediationResult result, long failed) {
    long resolved = result.findings().stream().filter(f -> "RESOLVED".equals(f.workflowStatus())).count();
    String head = result.dryRun() ? "Security Hub dry run: " : "Security Hub remediation: ";
    return head + resolved + " of " + result.findings().size() + " findings resolved"
        + (failed > 0 ? ", " + failed + " FAILED" : "");
  }
}
