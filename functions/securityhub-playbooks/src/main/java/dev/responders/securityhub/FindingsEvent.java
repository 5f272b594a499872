package dev.responders.securityhub;

import dev.responders.shared.error.InvalidEventException;
import dev.responders.shared.event.EventBridgeEvent;
import dev.responders.shared.event.FieldReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Security Hub findings event: a user picked the custom action on selected findings, or Security Hub imported
 * a finding (automatic mode). Every finding is parsed before anything is done, so a malformed one stops the
 * whole event with nothing changed.
 */
public record FindingsEvent(String eventId, Mode mode, Action action, String actionArn, List<Finding> findings) {

  static final String SOURCE = "aws.securityhub";
  static final String CUSTOM_ACTION = "Security Hub Findings - Custom Action";
  static final String IMPORTED = "Security Hub Findings - Imported";

  /** How the event asks for remediation. */
  public enum Mode {
    /** A user selected findings and picked the action: every playbook may run. */
    CUSTOM_ACTION,
    /** Security Hub imported a finding: only controls listed in AutoRemediateControls are touched. */
    AUTOMATIC
  }

  /** What the event asks for: the custom action picked (automatic mode remediates). */
  public enum Action {
    /** Remediate (and automatic mode): the control's playbook remediates, verifies, resolves. */
    REMEDIATE,
    /** SendToJira: one Jira issue per finding. */
    SEND_TO_JIRA,
    /** PatchInstance: SSM AWS-RunPatchBaseline on the finding's instances. */
    PATCH_INSTANCE
  }

  /** The action whose id ends the custom action ARN of {@code resources}, if it is one of ours. */
  static Optional<Action> actionOf(List<String> resources, Map<Action, String> actionIds) {
    for (Map.Entry<Action, String> action : actionIds.entrySet()) {
      if (resources.stream().anyMatch(arn -> arn.endsWith(":action/custom/" + action.getValue()))) {
        return Optional.of(action.getKey());
      }
    }
    return Optional.empty();
  }

  /** Why a well-formed EventBridge event is not one of ours (another action, another source), or empty. */
  static Optional<String> notOurs(EventBridgeEvent envelope, Map<Action, String> actionIds) {
    if (!SOURCE.equals(envelope.source())) {
      return Optional.of("event is from " + envelope.source() + ", not " + SOURCE);
    }
    if (IMPORTED.equals(envelope.detailType())) {
      return Optional.empty();
    }
    if (!CUSTOM_ACTION.equals(envelope.detailType())) {
      return Optional.of("event is '" + envelope.detailType() + "', not a findings event");
    }
    return actionOf(envelope.resources(), actionIds).isPresent() ? Optional.empty()
        : Optional.of("custom action " + envelope.resources() + " is none of action/custom/"
            + new java.util.TreeSet<>(actionIds.values()));
  }

  /** Parses {@code detail.findings}; the first malformed field gives an {@link InvalidEventException} naming it. */
  static FindingsEvent from(EventBridgeEvent envelope, Map<Action, String> actionIds) {
    Mode mode = IMPORTED.equals(envelope.detailType()) ? Mode.AUTOMATIC : Mode.CUSTOM_ACTION;
    FieldReader detail = envelope.detail();
    List<FieldReader> raw = detail.objects("findings");
    if (raw.isEmpty()) {
      throw new InvalidEventException(detail.path() + ".findings", "must hold at least one finding");
    }
    List<Finding> findings = new ArrayList<>();
    for (FieldReader finding : raw) {
      findings.add(Finding.read(finding));
    }
    String actionArn = mode == Mode.CUSTOM_ACTION && !envelope.resources().isEmpty() ? envelope.resources().get(0)
        : null;
    Action action = mode == Mode.AUTOMATIC ? Action.REMEDIATE
        : actionOf(envelope.resources(), actionIds).orElse(Action.REMEDIATE);
    return new FindingsEvent(envelope.id(), mode, action, actionArn, List.copyOf(findings));
  }
}
