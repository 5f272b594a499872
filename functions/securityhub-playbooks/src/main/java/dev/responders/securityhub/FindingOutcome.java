package dev.responders.securityhub;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What was done about one finding, and what its Security Hub note and workflow status become.
 *
 * @param controlId the control, or null when none was recognised
 * @param status    the finding's outcome: the worst of its resources'
 * @param note      the finding's note (at most 512 characters)
 * @param resources one entry per resource of the finding
 */
public record FindingOutcome(
    String findingId,
    String productArn,
    String controlId,
    Status status,
    String note,
    List<ResourceOutcome> resources) {

  /** Outcomes, worst first: a finding takes the first of its resources' statuses in this order. */
  public enum Status {
    FAILED,
    MISSING_PARAMETER,
    /** The member account's role could not be assumed: nothing was done there. */
    ROLE_NOT_ASSUMED,
    NO_PLAYBOOK,
    /** The system the finding was to be handed to (Jira) refused it: a retry would be refused too. */
    REFUSED,
    NOT_REMEDIABLE,
    EXEMPT,
    WOULD_REMEDIATE,
    /** Handed to another system (a Jira issue, an SSM command), which the note names: a person or it finishes. */
    HANDED_OVER,
    REMEDIATED,
    ALREADY_COMPLIANT;

    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** RESOLVED when the resource is now compliant; NOTIFIED (a person has to look) otherwise. */
    public String workflowStatus() {
      return this == REMEDIATED || this == ALREADY_COMPLIANT ? "RESOLVED" : "NOTIFIED";
    }

    static Status worst(List<ResourceOutcome> resources) {
      return resources.stream().map(ResourceOutcome::status).min(Comparator.naturalOrder()).orElse(NO_PLAYBOOK);
    }
  }

  /**
   * @param steps  what was changed, or would have been (dry run); empty when nothing needed to
   * @param detail why, for every outcome but a plain success
   */
  public record ResourceOutcome(String resourceId, Status status, List<String> steps, String detail) {
  }

  /** The workflow status written to the finding: RESOLVED or NOTIFIED. */
  @JsonProperty("workflow_status")
  public String workflowStatus() {
    return status.workflowStatus();
  }
}
