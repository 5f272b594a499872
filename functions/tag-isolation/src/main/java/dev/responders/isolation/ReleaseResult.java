package dev.responders.isolation;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.responders.shared.audit.AuditRecord;
import dev.responders.shared.notify.Delivery;
import java.util.List;

/**
 * What one release invocation did, returned by the release handler.
 *
 * @param status              what happened; {@code reason} says why when skipped
 * @param incident            the event id of the incident whose record was restored
 * @param priorStateParameter the SSM parameter holding the incident's record, now marked released
 * @param left                what a release deliberately leaves in place (evidence, the isolation group)
 * @param snapshotIds         the incident's evidence snapshots, kept
 * @param changes             every AWS mutation made, with before and after
 * @param warnings            what went wrong without stopping the release
 * @param notification        whether responders were told, or null when there was nothing to tell
 */
public record ReleaseResult(
    Status status,
    String instanceId,
    String reason,
    String incident,
    String priorStateParameter,
    String left,
    List<String> snapshotIds,
    List<AuditRecord> changes,
    List<String> warnings,
    Delivery notification) {

  /** The outcome of one release invocation. */
  public enum Status {
    /** What was recorded at isolation is restored. */
    RELEASED,
    /** Nothing to restore (never isolated, released before, record not trusted, out of scope); reason says why. */
    SKIPPED;

    @JsonValue
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public static ReleaseResult skipped(String instanceId, String reason) {
    return new ReleaseResult(Status.SKIPPED, instanceId, reason, null, null, null, List.of(), List.of(), List.of(),
        null);
  }

  ReleaseResult withNotification(Delivery sent, List<AuditRecord> allChanges, List<String> allWarnings) {
    return new ReleaseResult(status, instanceId, reason, incident, priorStateParameter, left, snapshotIds,
        allChanges, allWarnings, sent);
  }
}
