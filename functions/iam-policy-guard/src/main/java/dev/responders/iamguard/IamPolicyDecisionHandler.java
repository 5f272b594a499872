package dev.responders.iamguard;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.aws.Arn;
import dev.responders.shared.aws.AwsClients;
import dev.responders.shared.aws.MemberSessions;
import dev.responders.shared.aws.OrganizationAccess;
import dev.responders.shared.error.InvalidEventException;
import dev.responders.shared.event.FieldReader;
import dev.responders.shared.json.Json;
import dev.responders.shared.notify.Notifier;
import dev.responders.shared.snapstart.Priming;
import dev.responders.shared.text.Excerpt;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The approval workflow's steps (template.yaml {@code IamPolicyApprovalStateMachine}), one Lambda invoke each:
 * {@code request-approval} (with the task token), {@code approve}, {@code deny}, {@code time-out}. The input names
 * the step in {@code action} and carries the held change as the guard started the workflow with it, its
 * {@code account} among it (the policy's, where approve and discard act).
 */
public final class IamPolicyDecisionHandler implements RequestStreamHandler {

  /**
   * The priming step: a held change as the guard sends it, under an action no step has, so it is read in full and
   * refused before anything is done.
   */
  private static final String PRIMING_STEP = """
      {"action":"priming","held":{"policy_arn":"arn:aws:iam::000000000000:policy/responders-priming",
       "held_version_id":"v1","neutral_version_id":"v2","event_id":"priming","event_name":"CreatePolicyVersion",
       "caller":"arn:aws:iam::000000000000:user/priming","timeout_seconds":60,
       "grants":[{"statement":1,"sid":"Priming","restricted":"iam:passrole","how":"priming"}]}}
      """;

  private final ApprovalConfig config;
  private final ApprovalRecordStore approvals;
  private final ApprovalToken tokens;
  private final PolicyVersions versions;
  private final Clock clock;
  private final ApprovalRequester requester;
  private final HoldResolution resolution;
  /** Held only so CRaC, which keeps registered resources weakly, still finds it at checkpoint time. */
  private final Priming priming;

  /** Used by Lambda: configuration and clients built once per container, at init, then primed for SnapStart. */
  public IamPolicyDecisionHandler() {
    this(ApprovalConfig.forDecisions(System.getenv()), AwsClients.build(IamClient.builder()),
        AwsClients.build(SsmClient.builder()), AwsClients.build(KmsClient.builder()),
        Notifier.fromEnvironment(System.getenv()), Clock.systemUTC(), true);
  }

  IamPolicyDecisionHandler(ApprovalConfig config, IamClient iam, SsmClient ssm, KmsClient kms, Notifier notifier,
      Clock clock) {
    this(config, iam, ssm, kms, notifier, clock, false);
  }

  private IamPolicyDecisionHandler(ApprovalConfig config, IamClient iam, SsmClient ssm, KmsClient kms,
      Notifier notifier, Clock clock, boolean prime) {
    this.config = config;
    this.clock = clock;
    this.approvals = new ApprovalRecordStore(ssm, config);
    this.tokens = new ApprovalToken(kms, config.keyId());
    this.requester = new ApprovalRequester(config, approvals, tokens, notifier, clock);
    VersionRecordStore records = new VersionRecordStore(ssm, config.recordPrefix(),
        config.deployment().organization());
    this.versions = new PolicyVersions(iam, records, clock);
    this.resolution = new HoldResolution(new PolicyAccounts(config.scope(),
        OrganizationAccess.create(config.deployment(), config.scope(), PolicyAccounts.DECISION_SESSION),
        versions, records, clock), notifier);
    this.priming = prime ? Priming.register(this::warmUp) : null;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) {
    JsonNode json = Json.readEvent(input);
    FieldReader step = FieldReader.root(json);
    String action = step.text("action");
    HeldChange held = held(json, step);
    AuditLog audit = AuditLog.toStandardOutput(PolicyGuard.HANDLER, held.eventId());
    Map<String, Object> result = switch (action) {
      case "request-approval" -> requester.request(step.text("request_id"), step.text("task_token"), held, audit);
      case "approve" -> resolution.approve(held, step.optionalText("decided_by").orElse("an administrator"), audit);
      case "deny" -> resolution.discard(held, Outcome.DENIED,
          step.optionalText("why").orElse("denied by an administrator"), audit);
      case "time-out" -> resolution.discard(held, Outcome.TIMED_OUT, "nobody decided before the link expired", audit);
      default -> throw new InvalidEventException("action", "must be request-approval, approve, deny or time-out, got "
          + Excerpt.of(action));
    };
    Json.write(output, result);
  }

  /**
   * SnapStart priming: reads a held change as a step does, then makes the steps' reads against what cannot exist
   * (an approval record and a policy named {@code responders-priming}) and signs a link for no request (KMS
   * GenerateMac keeps nothing). Nothing is written, nobody is told.
   */
  void warmUp() {
    try {
      handleRequest(new ByteArrayInputStream(PRIMING_STEP.getBytes(StandardCharsets.UTF_8)),
          OutputStream.nullOutputStream(), null);
    } catch (InvalidEventException expected) {
      // The priming action is refused after the held change is read, as intended.
    }
    String policy = "arn:" + MemberSessions.partitionOf(Region.of(config.scope().region())) + ":iam::"
        + config.scope().account() + ":policy/responders-priming";
    try {
      approvals.find("priming");
      versions.policy(policy);
      versions.document(policy, "v1");
      tokens.sign("priming", clock.instant().plus(Duration.ofMinutes(1)));
    } catch (SdkException e) {
      // A warm-up that cannot reach AWS only costs speed.
    }
  }

  private static HeldChange held(JsonNode json, FieldReader step) {
    FieldReader held = step.object("held");
    held.text("policy_arn");
    held.text("held_version_id");
    held.text("neutral_version_id");
    held.text("event_id");
    String policyAccount = Arn.parse(held.text("policy_arn"), held.pathOf("policy_arn")).account();
    String account = held.optionalText("account").orElse(policyAccount);
    if (!account.equals(policyAccount)) {
      // Only the guard starts the workflow; a mismatch is a broken or forged input: act in neither account.
      throw new InvalidEventException(held.pathOf("account"), "must be the policy's account " + policyAccount
          + ", got " + Excerpt.of(account));
    }
    HeldChange change = Json.MAPPER.convertValue(json.get("held"), HeldChange.class);
    return new HeldChange(change.policyArn(), change.heldVersionId(), change.neutralVersionId(), change.eventId(),
        change.eventName(), change.caller(), change.grants(), change.timeoutSeconds(), account);
  }
}
