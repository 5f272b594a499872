package dev.responders.securityhub;

import dev.responders.shared.audit.AuditLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFindingIdentifier;
import software.amazon.awssdk.services.securityhub.model.BatchUpdateFindingsResponse;
import software.amazon.awssdk.services.securityhub.model.BatchUpdateFindingsUnprocessedFinding;

/**
 * Writes each finding's note and workflow status with {@code BatchUpdateFindings}: one call carries one note, so
 * findings are grouped by identical note and status, up to 100 identifiers a call. Findings Security Hub leaves
 * unprocessed are sent once more; those still refused are reported.
 */
public final class FindingUpdater {

  static final int MAX_PER_CALL = 100;

  private final SecurityHubClient securityHub;
  private final String updatedBy;

  public FindingUpdater(SecurityHubClient securityHub, String updatedBy) {
    this.securityHub = securityHub;
    this.updatedBy = updatedBy;
  }

  /** A finding whose note and status could not be written, and why. */
  public record NotUpdated(String findingId, String error) {
  }

  /**
   * @param calls      BatchUpdateFindings calls made
   * @param updated    findings whose update Security Hub confirmed
   * @param notUpdated findings it refused twice, or whose call failed
   */
  public record Report(int calls, int updated, List<NotUpdated> notUpdated) {
  }

  public Report update(List<FindingOutcome> outcomes, AuditLog audit) {
    Map<List<String>, List<FindingOutcome>> groups = new LinkedHashMap<>();
    for (FindingOutcome outcome : outcomes) {
      groups.computeIfAbsent(List.of(outcome.note(), outcome.workflowStatus()), k -> new ArrayList<>()).add(outcome);
    }
    int calls = 0;
    int updated = 0;
    List<NotUpdated> notUpdated = new ArrayList<>();
    for (Map.Entry<List<String>, List<FindingOutcome>> group : groups.entrySet()) {
      String note = group.getKey().get(0);
      String status = group.getKey().get(1);
      List<FindingOutcome> members = group.getValue();
      for (int from = 0; from < members.size(); from += MAX_PER_CALL) {
        List<AwsSecurityFindingIdentifier> ids = members.subList(from, Math.min(from + MAX_PER_CALL, members.size()))
            .stream().map(o -> AwsSecurityFindingIdentifier.builder().id(o.findingId()).productArn(o.productArn())
                .build()).toList();
        for (int attempt = 1; attempt <= 2 && !ids.isEmpty(); attempt++) {
          calls++;
          List<BatchUpdateFindingsUnprocessedFinding> refused;
          try {
            refused = send(ids, note, status, audit);
          } catch (SdkException e) {
            audit.failed("securityhub:BatchUpdateFindings", describe(ids), note, e);
            ids.forEach(id -> notUpdated.add(new NotUpdated(id.id(), FindingRemediator.describe(e))));
            break;
          }
          updated += ids.size() - refused.size();
          if (attempt == 2 || refused.isEmpty()) {
            refused.forEach(r -> notUpdated.add(new NotUpdated(r.findingIdentifier().id(),
                r.errorCode() + ": " + r.errorMessage())));
          }
          ids = refused.stream().map(BatchUpdateFindingsUnprocessedFinding::findingIdentifier).toList();
        }
      }
    }
    return new Report(calls, updated, List.copyOf(notUpdated));
  }

  private List<BatchUpdateFindingsUnprocessedFinding> send(List<AwsSecurityFindingIdentifier> ids, String note,
      String status, AuditLog audit) {
    BatchUpdateFindingsResponse response = securityHub.batchUpdateFindings(r -> r.findingIdentifiers(ids)
        .note(n -> n.text(note).updatedBy(updatedBy))
        .workflow(w -> w.status(status)));
    audit.changed("securityhub:BatchUpdateFindings", describe(ids), null,
        status + " " + note, response);
    return response.unprocessedFindings();
  }

  private static String describe(List<AwsSecurityFindingIdentifier> ids) {
    return ids.size() == 1 ? ids.get(0).id() : ids.size() + " findings from " + ids.get(0).id();
  }
}
