package dev.responders.isolation;

import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.audit.AuditRecord;
import dev.responders.shared.error.RemediationIncompleteException;
import dev.responders.shared.lambda.TimeBudget;
import dev.responders.shared.notify.Notifier;
import dev.responders.shared.text.Excerpt;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs the steps of one isolation or release; a failure is audited, marked on the instance (the failure status
 * tag), reported to the responders and raised with what was done before it.
 */
final class Steps {

  /** How a failure of this kind of run is told: status tag value, notification outcome, subject. */
  record Failure(String handler, String statusTag, Outcome outcome, String subjectPrefix) {
    static final Failure ISOLATION = new Failure(TagIsolationHandler.NAME, InstanceIsolator.STATUS_TAG_FAILED,
        Outcome.ISOLATION_FAILED, "Isolation FAILED for EC2 instance ");
    static final Failure RECONTAINMENT = new Failure(TagIsolationDriftHandler.NAME, InstanceIsolator.STATUS_TAG_FAILED,
        Outcome.RECONTAINMENT_FAILED, "Re-containment FAILED for EC2 instance ");
    static final Failure RELEASE = new Failure(TagReleaseHandler.NAME, InstanceReleaser.STATUS_TAG_FAILED,
        Outcome.RELEASE_FAILED, "Release FAILED for EC2 instance ");
  }

  private final AuditLog audit;
  private final String instanceId;
  private final String name;
  private final TimeBudget budget;
  private final InstanceContainment containment;
  private final Notifier notifier;
  private final Failure failure;

  Steps(AuditLog audit, String instanceId, String name, TimeBudget budget, InstanceContainment containment,
      Notifier notifier, Failure failure) {
    this.audit = audit;
    this.instanceId = instanceId;
    this.name = name;
    this.budget = budget;
    this.containment = containment;
    this.notifier = notifier;
    this.failure = failure;
  }

  static String described(String instanceId, String name) {
    return name == null ? instanceId : instanceId + " (" + Excerpt.plain(name) + ")";
  }

  <T> T run(String action, String target, Supplier<T> body) {
    return run(action, target, body, null);
  }

  /**
   * @param doneAnyway re-reads AWS after a failure: true when the step's end state is there all the same (a
   *                   concurrent invocation of the same incident did it first), which is then no failure
   */
  <T> T run(String action, String target, Supplier<T> body, BooleanSupplier doneAnyway) {
    try {
      if (!budget.allowsAnotherStep()) {
        throw new IllegalStateException("only " + budget.remainingMillis() + " ms of the invocation are left:"
            + " stopping before " + action + " to report, so the retry finishes the job");
      }
      return body.get();
    } catch (SdkException | IllegalStateException e) {
      if (doneAnyway != null && e instanceof SdkException && reachedAnyway(doneAnyway)) {
        audit.decision("done-concurrently", target, action + " failed (" + e.getMessage()
            + ") but its end state is in place: a concurrent invocation did it first");
        return null;
      }
      throw failed(action, target, e);
    }
  }

  private boolean reachedAnyway(BooleanSupplier doneAnyway) {
    try {
      return doneAnyway.getAsBoolean();
    } catch (SdkException e) {
      return false;
    }
  }

  private RemediationIncompleteException failed(String action, String target, RuntimeException e) {
    audit.failed(action, target, null, e);
    List<AuditRecord> done = audit.changes();
    try {
      containment.tagStatus(instanceId, Map.of(), failure.statusTag(), audit);
    } catch (SdkException tagFailure) {
      audit.failed("ec2:CreateTags", instanceId, null, tagFailure);
    }
    notifier.notify(failure.handler(), failure.outcome().label(),
        failure.subjectPrefix() + described(instanceId, name),
        Map.of("instance_id", instanceId, "failed_action", action, "failed_target", target,
            "error", String.valueOf(e.getMessage()), "completed", done), audit);
    return new RemediationIncompleteException(action, target, done, e);
  }
}
