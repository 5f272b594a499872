package dev.responders.isolation;

import dev.responders.shared.audit.AuditRecord;
import dev.responders.shared.notify.Delivery;
import java.util.List;

/**
 * What one invocation did, returned by the handler.
 *
 * @param status              {@code isolated} (changes made), {@code already-isolated} (redelivery: nothing
 *                            left to do) or {@code skipped} (out of scope; {@code reason} says why)
 * @param isolationGroupIds   the deny-all group now on every interface
 * @param priorStateParameter the SSM parameter holding the state to restore on revert
 * @param evidence            the volume snapshots: {@code taken}, {@code disabled} or {@code failed: <why>}
 * @param snapshotIds         the incident's volume snapshots
 * @param changes             every AWS mutation made, with before and after
 * @param notification        whether responders were told: {@code sent}, {@code failed}, {@code not-configured},
 *                            or null when there was nothing to tell (skipped, already isolated)
 */
public record IsolationResult(
    String status,
    String instanceId,
    String reason,
    List<String> isolationGroupIds,
    String priorStateParameter,
    String evidence,
    List<String> snapshotIds,
    List<AuditRecord> changes,
    Delivery notification) {

  public static IsolationResult skipped(String instanceId, String reason) {
    return new IsolationResult("skipped", instanceId, reason, List.of(), null, null, List.of(), List.of(), null);
  }

  public IsolationResult withNotification(Delivery outcome) {
    return new IsolationResult(status, instanceId, reason, isolationGroupIds, priorStateParameter, evidence,
        snapshotIds, changes, outcome);
  }
}
