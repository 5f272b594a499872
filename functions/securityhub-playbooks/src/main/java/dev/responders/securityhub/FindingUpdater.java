package dev.responders.securityhub;

import dev.responders.shared.audit.AuditLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFindingIdentifier;
import software.amazon.awssdk.services.securityhub.model.BatchUpdateFindingsResponse;
import software.amazon.awssdk.services.securityhub.model.BatchUpdateFindingsUnprocessedFinding;

/**
 * Writes each finding's note and workflow status with {@code BatchUpdateFindings}: one call carries one note, so
 * findings are grouped by identical note and status, up to 100 identifiers a call. Findings Security Hub leaves
 * unprocessed are sent once more; those still refused are reported. Throttling ({@code TooManyRequestsException}:
 * Security Hub allows 10 calls a second, 30 in a burst) that outlasts the SDK's own retries is waited out with an
 * exponential backoff, {@link #THROTTLED_RETRIES} more times, before the findings are reported as not updated.
 */
public final class FindingUpdater {

  static final int MAX_PER_CALL = 100;
  static final int THROTTLED_RETRIES = 4;
  static final Duration FIRST_BACKOFF = Duration.ofMillis(500);

  /** Waits between throttled attempts; tests record the waits instead of sleeping. */
  @FunctionalInterface
  public interface Pause {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final SecurityHubClient securityHub;
  private final String updatedBy;
  private final Pause pause;

  public FindingUpdater(SecurityHubClient securityHub, String updatedBy) {
    this(securityHub, updatedBy, duration -> Thread.sleep(duration.toMillis()));
  }

  public FindingUpdater(SecurityHubClient securityHub, String updatedBy, Pause pause) {
    this.securityHub = securityHub;
    this.updatedBy = updatedBy;
    this.pause = pause;
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
    BatchUpdateFindingsResponse response = null;
    Duration backoff = FIRST_BACKOFF;
    for (int retry = 0; response == null; retry++) {
      try {
        response = securityHub.batchUpdateFindings(r -> r.findingIdentifiers(ids)
            .note(n -> n.text(note).updatedBy(updatedBy))
            .workflow(w -> w.status(status)));
      } catch (AwsServiceException e) {
        if (!throttled(e) || retry >= THROTTLED_RETRIES) {
          throw e;
        }
        audit.decision("throttled", "securityhub:BatchUpdateFindings", "waiting " + backoff.toMillis()
            + " ms before sending " + ids.size() + " finding update(s) again");
        try {
          pause.sleep(backoff);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
        backoff = backoff.multipliedBy(2);
      }
    }
    audit.changed("securityhub:BatchUpdateFindings", describe(ids), null,
        status + " " + note, response);
    return response.unprocessedFindings();
  }

  private static boolean throttled(AwsServiceException e) {
    return e.isThrottlingException() || e.awsErrorDetails() != null
        && "TooManyRequestsException".equals(e.awsErrorDetails().errorCode());
  }

  private static String describe(List<AwsSecurityFindingIdentifier> ids) {
    return ids.size() == 1 ? ids.get(0).id() : ids.size() + " findings from " + ids.get(0).id();
  }
}
