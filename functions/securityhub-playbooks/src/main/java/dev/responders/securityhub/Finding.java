package dev.responders.securityhub;

import dev.responders.shared.error.InvalidEventException;
import dev.responders.shared.event.FieldReader;
import java.util.List;
import java.util.Optional;

/**
 * One ASFF finding of an event, reduced to what remediation needs; every field is validated when it is read.
 *
 * @param id               the finding id (the same from the member and the administrator account)
 * @param productArn       with {@code id}, what {@code BatchUpdateFindings} identifies a finding by
 * @param awsAccountId     the account the finding is about
 * @param controlId        the security control, in whatever id format it came (empty when none is recognised)
 * @param complianceStatus {@code FAILED}, {@code WARNING}, {@code PASSED}, {@code NOT_AVAILABLE}, or null
 * @param recordState      {@code ACTIVE} or {@code ARCHIVED}
 * @param workflowStatus   {@code NEW}, {@code NOTIFIED}, {@code RESOLVED}, {@code SUPPRESSED}
 * @param resources        every resource the finding names, at least one
 * @param title            what the finding says is wrong (empty when it has no title)
 * @param severity         {@code Severity.Label} ({@code CRITICAL} ... {@code INFORMATIONAL}), empty when absent
 */
public record Finding(
    String id,
    String productArn,
    String awsAccountId,
    String generatorId,
    Optional<String> controlId,
    String complianceStatus,
    String recordState,
    String workflowStatus,
    List<FindingResource> resources,
    String title,
    String severity) {

  static Finding read(FieldReader finding) {
    FieldReader compliance = finding.has("Compliance") ? finding.object("Compliance") : null;
    String securityControlId = compliance == null ? null : compliance.optionalText("SecurityControlId").orElse(null);
    String generatorId = finding.text("GeneratorId");
    FieldReader workflow = finding.has("Workflow") ? finding.object("Workflow") : null;
    List<FieldReader> resources = finding.objects("Resources");
    if (resources.isEmpty()) {
      throw new InvalidEventException(finding.path() + ".Resources", "must name at least one resource");
    }
    return new Finding(
        finding.text("Id"),
        finding.text("ProductArn"),
        finding.text("AwsAccountId"),
        generatorId,
        ControlIds.of(securityControlId, generatorId),
        compliance == null ? null : compliance.optionalText("Status").orElse(null),
        finding.text("RecordState"),
        workflow == null ? "NEW" : workflow.text("Status"),
        resources.stream().map(FindingResource::read).toList(),
        finding.optionalText("Title").orElse(""),
        finding.has("Severity") ? finding.object("Severity").optionalText("Label").orElse("") : "");
  }

  /** Why this finding is not to be acted on, or empty: only failed, active findings nobody closed. */
  Optional<String> outOfScopeReason() {
    if (!"FAILED".equals(complianceStatus) && !"WARNING".equals(complianceStatus)) {
      return Optional.of("compliance status is " + (complianceStatus == null ? "absent" : complianceStatus)
          + ", not FAILED or WARNING");
    }
    if (!"ACTIVE".equals(recordState)) {
      return Optional.of("record state is " + recordState + ", not ACTIVE");
    }
    if (!"NEW".equals(workflowStatus) && !"NOTIFIED".equals(workflowStatus)) {
      return Optional.of("workflow status is " + workflowStatus + ": someone already closed it");
    }
    return Optional.empty();
  }
}
