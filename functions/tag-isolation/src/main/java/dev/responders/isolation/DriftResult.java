package dev.responders.isolation;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.responders.shared.audit.AuditRecord;
import dev.responders.shared.notify.Delivery;
import java.util.List;

/**
 * What one drift invocation did, returned by the drift handler.
 *
 * @param status        what happened; {@code reason} says why when skipped
 * @param eventName     the CloudTrail call that may have reopened an isolated instance
 * @param caller        who made it
 * @param recontained   instances still tagged for isolation, isolated again
 * @param reported      isolated instances no longer tagged for isolation: told, not changed
 * @param closedGroups  isolation groups a rule was added to, closed again
 * @param changes       every AWS mutation made, with before and after
 * @param notification  whether responders were told of what was only reported, or null when nothing was
 */
public record DriftResult(
    Status status,
    String eventName,
    String caller,
    String reason,
    List<IsolationResult> recontained,
    List<String> reported,
    List<String> closedGroups,
    List<AuditRecord> changes,
    Delivery notification) {

  /** The outcome of one drift invocation. */
  public enum Status {
    /** At least one instance was isolated again, or an opened isolation group closed. */
    RECONTAINED,
    /** Isolated instances were touched but no longer carry the isolation tag: reported only. */
    REPORTED,
    /** Not drift: the suite's own call, a failed call, nothing isolated touched; reason says why. */
    SKIPPED;

    @JsonValue
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  static DriftResult skipped(String eventName, String caller, String reason) {
    return new DriftResult(Status.SKIPPED, eventName, caller, reason, List.of(), List.of(), List.of(), List.of(),
        null);
  }
}
