package dev.responders.isolation;

import dev.responders.shared.audit.AuditRecord;
import java.util.List;

/**
 * What one invocation did, returned by the handler.
 *
 * @param status              {@code isolated} (changes made), {@code already-isolated} (redelivery: nothing
 *                            left to do) or {@code skipped} (out of scope; {@code reason} says why)
 * @param isolationGroupIds   the deny-all group now on every interface
 * @param priorStateParameter the SSM parameter holding the state to restore on revert
 * @param changes             every AWS mutation made, with before and after
 */
public record IsolationResult(
    String status,
    String instanceId,
    String reason,
    List<String> isolationGroupIds,
    String priorStateParameter,
    List<AuditRecord> changes) {

  public static IsolationResult skipped(String instanceId, String reason) {
    return new IsolationResult("skipped", instanceId, reason, List.of(), null, List.of());
  }
}
