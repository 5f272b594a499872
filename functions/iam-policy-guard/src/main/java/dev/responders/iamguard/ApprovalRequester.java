package dev.responders.iamguard;

import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.error.NotificationFailedException;
import dev.responders.shared.notify.Delivery;
import dev.responders.shared.notify.Notifier;
import dev.responders.shared.text.Excerpt;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The workflow's approval task: records the request with its task token, signs a link that expires with the task,
 * and tells the administrators on the suite's topic. The link opens a confirmation page; only its POST decides.
 */
final class ApprovalRequester {

  private final ApprovalConfig config;
  private final ApprovalRecordStore records;
  private final ApprovalToken tokens;
  private final Notifier notifier;
  private final Clock clock;

  ApprovalRequester(ApprovalConfig config, ApprovalRecordStore records, ApprovalToken tokens, Notifier notifier,
      Clock clock) {
    this.config = config;
    this.records = records;
    this.tokens = tokens;
    this.notifier = notifier;
    this.clock = clock;
  }

  /** @return the outcome reported to the workflow; throws NotificationFailedException when SNS refused (retried) */
  Map<String, Object> request(String requestId, String taskToken, HeldChange held, AuditLog audit) {
    Instant expiresAt = clock.instant().plusSeconds(held.timeoutSeconds());
    var existing = records.find(requestId);
    if (existing.isPresent() && !existing.get().pending()) {
      audit.decision("skip", requestId, "already decided: " + existing.get().status());
      return Map.of("status", "already-decided");
    }
    records.put(new ApprovalRecord(requestId, held, taskToken, expiresAt, ApprovalRecord.PENDING, null, null), audit);
    String link = config.approvalUrl() + "?token=" + URLEncoder.encode(tokens.sign(requestId, expiresAt),
        StandardCharsets.UTF_8);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("policy_arn", held.policyArn());
    details.put("held_version_id", held.heldVersionId());
    details.put("neutral_version_id", held.neutralVersionId());
    details.put("event_name", held.eventName());
    details.put("caller", held.caller());
    details.put("grants", held.grants());
    details.put("decide_at", link);
    details.put("link_expires_at", expiresAt.toString());
    details.put("without_a_decision", "the held version is deleted when the link expires");
    String subject = "IAM policy HELD for approval: " + Excerpt.plain(policyName(held.policyArn())) + " "
        + held.heldVersionId();
    Delivery delivery = notifier.notify(PolicyGuard.HANDLER, Outcome.HELD.label(), subject, details, audit);
    audit.metric("ApprovalRequested");
    if (delivery == Delivery.FAILED) {
      throw new NotificationFailedException(subject, "approval of " + held.policyArn() + " recorded, not yet sent");
    }
    return Map.of("status", "approval-requested", "notification", delivery.label());
  }

  static String policyName(String policyArn) {
    return policyArn.substring(policyArn.lastIndexOf('/') + 1);
  }
}
