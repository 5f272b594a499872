package dev.responders.iamguard;

import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.error.NotificationFailedException;
import dev.responders.shared.notify.Delivery;
import dev.responders.shared.notify.Notifier;
import dev.responders.shared.text.Excerpt;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.iam.model.Policy;

/**
 * The end of an approval: approve makes the original version the default again (the very version, so exactly
 * the document that was submitted) and deletes the neutral one; deny or timeout records the held version's
 * document in SSM, then deletes it, and the policy stays neutral. Both first check that the policy is still as the
 * guard left it: a policy someone changed meanwhile is left alone and reported. Each step re-reads IAM, so a
 * retry finishes what a failure interrupted. Both act in the held policy's account ({@link PolicyAccounts}: in
 * organization mode through its member role, once the account is found still in the organization; one that left
 * meanwhile is reported as a conflict and left as it is).
 */
final class HoldResolution {

  private final PolicyAccounts accounts;
  private final Notifier notifier;

  HoldResolution(PolicyAccounts accounts, Notifier notifier) {
    this.accounts = accounts;
    this.notifier = notifier;
  }

  Map<String, Object> approve(HeldChange held, String decidedBy, AuditLog audit) {
    return accounts.in(held.account(), held.policyArn(), audit, versions -> approve(held, versions, decidedBy, audit),
        why -> conflict(held, why, audit));
  }

  Map<String, Object> discard(HeldChange held, Outcome outcome, String why, AuditLog audit) {
    return accounts.in(held.account(), held.policyArn(), audit,
        versions -> discard(held, versions, outcome, why, audit), refused -> conflict(held, refused, audit));
  }

  private Map<String, Object> approve(HeldChange held, PolicyVersions versions, String decidedBy, AuditLog audit) {
    Optional<Policy> policy = versions.policy(held.policyArn());
    if (policy.isEmpty()) {
      return conflict(held, "the policy no longer exists", audit);
    }
    String current = policy.get().defaultVersionId();
    if (!current.equals(held.heldVersionId())) {
      if (!current.equals(held.neutralVersionId())) {
        return conflict(held, "the default is " + current + ", not the neutral " + held.neutralVersionId(), audit);
      }
      if (versions.document(held.policyArn(), held.heldVersionId()).isEmpty()) {
        return conflict(held, "the held version " + held.heldVersionId() + " no longer exists", audit);
      }
      versions.setDefault(held.policyArn(), held.heldVersionId(), current, audit);
    }
    if (versions.document(held.policyArn(), held.neutralVersionId()).isPresent()) {
      versions.delete(held.policyArn(), held.neutralVersionId(), audit);
    }
    audit.decision("approve", held.policyArn(), held.heldVersionId() + " restored as the default, approved by "
        + decidedBy);
    audit.metric("Approved");
    return told(held, Outcome.APPROVED, "IAM policy change APPROVED: ", "restored " + held.heldVersionId()
        + " as the default", decidedBy, audit);
  }

  private Map<String, Object> discard(HeldChange held, PolicyVersions versions, Outcome outcome, String why,
      AuditLog audit) {
    Optional<Policy> policy = versions.policy(held.policyArn());
    if (policy.isEmpty()) {
      return conflict(held, "the policy no longer exists", audit);
    }
    if (!policy.get().defaultVersionId().equals(held.neutralVersionId())) {
      return conflict(held, "the default is " + policy.get().defaultVersionId() + ", not the neutral "
          + held.neutralVersionId(), audit);
    }
    Optional<String> document = versions.document(held.policyArn(), held.heldVersionId());
    if (document.isPresent()) {
      versions.records().keep(held.policyArn(), policy.get().policyId(), held.heldVersionId(), document.get(),
          outcome.label() + ": " + why, versions.clock().instant(), audit);
      versions.delete(held.policyArn(), held.heldVersionId(), audit);
    }
    audit.decision(outcome.label(), held.policyArn(), held.heldVersionId() + " deleted, the policy stays neutral: "
        + why);
    audit.metric(outcome == Outcome.TIMED_OUT ? "TimedOut" : "Denied");
    String subject = outcome == Outcome.TIMED_OUT ? "IAM policy change TIMED OUT: " : "IAM policy change DENIED: ";
    return told(held, outcome, subject, "deleted " + held.heldVersionId() + "; the neutral "
        + held.neutralVersionId() + " stays the default", why, audit);
  }

  private Map<String, Object> conflict(HeldChange held, String why, AuditLog audit) {
    audit.decision("conflict", held.policyArn(), why + ": left as it is");
    audit.metric("Conflict");
    return told(held, Outcome.CONFLICT, "IAM policy guard CONFLICT: ", "nothing changed: " + why, why, audit);
  }

  private Map<String, Object> told(HeldChange held, Outcome outcome, String subjectStart, String what, String why,
      AuditLog audit) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("policy_arn", held.policyArn());
    details.put("held_version_id", held.heldVersionId());
    details.put("neutral_version_id", held.neutralVersionId());
    details.put("outcome", outcome.label());
    details.put("what", what);
    details.put("why", why);
    details.put("changes", audit.changes());
    String subject = subjectStart + Excerpt.plain(ApprovalRequester.policyName(held.policyArn())) + " "
        + held.heldVersionId();
    Delivery delivery = notifier.notify(PolicyGuard.HANDLER, outcome.label(), subject, details, audit);
    if (delivery == Delivery.FAILED) {
      // The step is retried by the workflow; the retry finds the work done and sends what is owed.
      throw new NotificationFailedException(subject, what);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("status", outcome.label());
    result.put("what", what);
    result.put("notification", delivery.label());
    return result;
  }
}
