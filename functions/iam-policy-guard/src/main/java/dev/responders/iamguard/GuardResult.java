package dev.responders.iamguard;

import dev.responders.shared.audit.AuditRecord;
import dev.responders.shared.notify.Delivery;
import java.util.List;

/**
 * What the guard function returns.
 *
 * @param status          what happened
 * @param reason          why it was skipped, or null
 * @param policyArn       the policy judged, or null
 * @param heldVersionId   the version that grants restricted actions (kept as a non-default version), or null
 * @param neutralVersionId the neutral default version, or null
 * @param grants          the restricted actions the version grants, by statement
 * @param execution       the approval workflow's execution ARN, or null
 * @param changes         every AWS mutation made
 * @param notification    whether the responders were told (unrestricted changes only; held ones are told by the workflow)
 */
record GuardResult(
    GuardStatus status,
    String reason,
    String policyArn,
    String heldVersionId,
    String neutralVersionId,
    List<Grant> grants,
    String execution,
    List<AuditRecord> changes,
    Delivery notification) {

  static GuardResult skipped(String policyArn, String reason) {
    return new GuardResult(GuardStatus.SKIPPED, reason, policyArn, null, null, List.of(), null, List.of(), null);
  }
}
