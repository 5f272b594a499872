package dev.responders.iamguard;

import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.aws.Arn;
import dev.responders.shared.error.NotificationFailedException;
import dev.responders.shared.error.RemediationIncompleteException;
import dev.responders.shared.notify.Delivery;
import dev.responders.shared.notify.Notifier;
import dev.responders.shared.text.Excerpt;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.model.Policy;

/**
 * Judges one policy change and holds it when it grants a restricted action: the neutral version becomes the
 * default first, then the approval workflow starts. If the workflow cannot start, the policy stays held and the
 * invocation fails, so Lambda retries (the retry finds it held and starts the workflow). In organization mode the
 * policy is judged and held in the event's account ({@link PolicyAccounts}); the workflow stays central.
 */
final class PolicyGuard {

  static final String HANDLER = "iam-policy-guard";

  private final GuardConfig config;
  private final PolicyAccounts accounts;
  private final OwnCalls own;
  private final ApprovalWorkflow workflow;
  private final Notifier notifier;

  PolicyGuard(GuardConfig config, PolicyAccounts accounts, ApprovalWorkflow workflow, Notifier notifier) {
    this.config = config;
    this.accounts = accounts;
    this.own = new OwnCalls(config);
    this.workflow = workflow;
    this.notifier = notifier;
  }

  GuardResult guard(PolicyChangeEvent event, AuditLog audit) {
    Optional<String> outOfScope = outOfScope(event);
    if (outOfScope.isPresent()) {
      return skip(event.policyArn(), outOfScope.get(), audit);
    }
    return accounts.in(event.account(), event.policyArn(), audit, versions -> guard(event, versions, audit),
        why -> {
          audit.metric("Skipped");
          return GuardResult.skipped(event.policyArn(), why);
        });
  }

  private static GuardResult skip(String policyArn, String why, AuditLog audit) {
    audit.decision("skip", String.valueOf(policyArn), why);
    audit.metric("Skipped");
    return GuardResult.skipped(policyArn, why);
  }

  private GuardResult guard(PolicyChangeEvent event, PolicyVersions versions, AuditLog audit) {
    Optional<Policy> found = versions.policy(event.policyArn());
    Optional<String> document = found.flatMap(p -> versions.document(p.arn(), event.versionId()));
    if (found.isEmpty() || document.isEmpty()) {
      String why = "policy " + event.policyArn() + " or its version " + event.versionId() + " no longer exists";
      audit.decision("skip", event.policyArn(), why);
      audit.metric("Skipped");
      return GuardResult.skipped(event.policyArn(), why);
    }
    Policy policy = found.get();
    String defaultVersion = policy.defaultVersionId();
    boolean alreadyHeld = false;
    if (!defaultVersion.equals(event.versionId())) {
      Optional<String> current = versions.document(policy.arn(), defaultVersion);
      if (current.isEmpty() || !NeutralPolicy.isNeutral(current.get())) {
        String why = "the default is now " + defaultVersion + ", not " + event.versionId() + ": a later change"
            + " superseded this one (its own event is judged)";
        audit.decision("skip", policy.arn(), why);
        audit.metric("Skipped");
        return GuardResult.skipped(policy.arn(), why);
      }
      alreadyHeld = true;
    }
    List<Grant> grants = judge(document.get());
    if (grants.isEmpty()) {
      return allowed(event, policy, audit);
    }
    audit.decision("hold", policy.arn(), event.versionId() + " grants " + describe(grants));
    String neutral = alreadyHeld ? defaultVersion : versions.hold(policy, event.versionId(), audit);
    HeldChange held = new HeldChange(policy.arn(), event.versionId(), neutral, event.eventId(), event.eventName(),
        event.callerArn(), grants, config.approvalTimeoutSeconds(), event.account());
    String execution;
    try {
      execution = workflow.start(held, audit);
    } catch (SdkException e) {
      audit.failed("states:StartExecution", config.stateMachineArn(), policy.arn(), e);
      audit.metric("ApprovalNotStarted");
      throw new RemediationIncompleteException("states:StartExecution", policy.arn(), audit.changes(), e);
    }
    audit.metric(alreadyHeld ? "AlreadyHeld" : "Held");
    return new GuardResult(alreadyHeld ? GuardStatus.ALREADY_HELD : GuardStatus.HELD, null, policy.arn(),
        event.versionId(), neutral, grants, execution, audit.changes(), null);
  }

  /** Fails closed: a document the guard cannot read is treated as granting everything restricted. */
  private List<Grant> judge(String urlEncodedDocument) {
    try {
      return config.restricted().grantedBy(PolicyDocument.fromIam(urlEncodedDocument));
    } catch (IllegalArgumentException unreadable) {
      return config.restricted().patterns().stream()
          .map(p -> new Grant(-1, null, p.text(), "unreadable document: " + unreadable.getMessage())).toList();
    }
  }

  private GuardResult allowed(PolicyChangeEvent event, Policy policy, AuditLog audit) {
    audit.decision("allow", policy.arn(), event.versionId() + " grants no restricted action");
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("policy_arn", policy.arn());
    details.put("version_id", event.versionId());
    details.put("event_name", event.eventName());
    details.put("caller", event.callerArn());
    details.put("restricted_actions", config.restricted().patterns().stream().map(ActionPattern::text).toList());
    String subject = "IAM policy change allowed: " + Excerpt.plain(policy.policyName()) + " " + event.versionId();
    Delivery delivery = notifier.notify(HANDLER, Outcome.ALLOWED.label(), subject, details, audit);
    audit.metric("Allowed");
    GuardResult result = new GuardResult(GuardStatus.ALLOWED, null, policy.arn(), null, null, List.of(), null,
        audit.changes(), delivery);
    if (delivery == Delivery.FAILED) {
      throw new NotificationFailedException(subject, result);
    }
    return result;
  }

  private Optional<String> outOfScope(PolicyChangeEvent event) {
    if (event.errorCode() != null) {
      return Optional.of(event.eventName() + " failed with " + Excerpt.of(event.errorCode()) + ": nothing changed");
    }
    if (!PolicyChangeEvent.WATCHED.contains(event.eventName())) {
      return Optional.of(Excerpt.of(event.eventName()) + " does not change what a managed policy grants");
    }
    Optional<String> guards = own.whose(event);
    if (guards.isPresent()) {
      return guards;
    }
    // Organization mode: any account's event (checked against the organization next), but its own policy only.
    String account = config.deployment().organization() ? event.account() : config.scope().account();
    if (!account.equals(event.account())) {
      return Optional.of("event is from account " + event.account() + ", this function acts in account "
          + config.scope().account());
    }
    if (!Arn.parse(event.policyArn(), "policy").account().equals(account) || account.isEmpty()) {
      return Optional.of("policy " + Excerpt.of(event.policyArn()) + " is not of account " + account
          + (config.deployment().organization() ? ", the event's" : ""));
    }
    if (event.versionId() == null) {
      return Optional.of("CreatePolicyVersion without setAsDefault: the new version grants nothing until it is"
          + " made the default (SetDefaultPolicyVersion, judged then)");
    }
    return Optional.empty();
  }

  private static String describe(List<Grant> grants) {
    return Excerpt.plain(grants.stream().map(g -> g.restricted() + " (statement " + g.statement() + ")")
        .distinct().reduce((a, b) -> a + ", " + b).orElse(""));
  }
}
