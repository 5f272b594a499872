package dev.responders.isolation;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.responders.shared.audit.AuditRecord;
import dev.responders.shared.notify.Delivery;
import java.util.List;

/**
 * What one invocation did, returned by the handler.
 *
 * @param status              what happened; {@code reason} says why when skipped
 * @param isolationGroupIds   the deny-all group now on every interface
 * @param priorStateParameter the SSM parameter holding the incident's record, the state to restore on revert
 * @param unrecordedPriorState the prior state when it could not be recorded (see {@code warnings}): then this
 *                            result, the notification and the audit log are where it is kept
 * @param evidence            the volume snapshots: {@code taken}, {@code disabled} or {@code failed: <why>}
 * @param snapshotIds         the incident's volume snapshots
 * @param changes             every AWS mutation made, with before and after
 * @param warnings            what went wrong without stopping the containment (a squatted group name, a record
 *                            that could not be written or was not trusted)
 * @param notification        whether responders were told, or null when there was nothing to tell
 */
public record IsolationResult(
    Status status,
    String instanceId,
    String reason,
    List<String> isolationGroupIds,
    String priorStateParameter,
    PriorState unrecordedPriorState,
    String evidence,
    List<String> snapshotIds,
    List<AuditRecord> changes,
    List<String> warnings,
    Delivery notification) {

  /** The outcome of one invocation, as results say it. */
  public enum Status {
    /** Changes were made, or the containment of an earlier attempt was completed and reported. */
    ISOLATED,
    /** A redelivery: the incident was contained and reported before; nothing changed. */
    ALREADY_ISOLATED,
    /**
     * Asked for, but impossible: the instance has no interface in a VPC for a security group to contain. Nothing
     * changed, not tagged isolated; the reason says so and the responders are told.
     */
    NO_VPC_INTERFACE,
    /** Out of scope; the reason says why. */
    SKIPPED;

    @JsonValue
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  public static IsolationResult skipped(String instanceId, String reason) {
    return new IsolationResult(Status.SKIPPED, instanceId, reason, List.of(), null, null, null, List.of(), List.of(),
        List.of(), null);
  }

  public IsolationResult withNotification(Delivery outcome) {
    return new IsolationResult(status, instanceId, reason, isolationGroupIds, priorStateParameter, unrecordedPriorState,
        evidence, snapshotIds, changes, warnings, outcome);
  }
}
