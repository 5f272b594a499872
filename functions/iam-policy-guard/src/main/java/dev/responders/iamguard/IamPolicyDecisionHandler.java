package dev.responders.iamguard;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.aws.Arn;
import dev.responders.shared.aws.AwsClients;
import dev.responders.shared.aws.OrganizationAccess;
import dev.responders.shared.error.InvalidEventException;
import dev.responders.shared.event.FieldReader;
import dev.responders.shared.json.Json;
import dev.responders.shared.notify.Notifier;
import dev.responders.shared.text.Excerpt;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;
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

  private final ApprovalRequester requester;
  private final HoldResolution resolution;

  public IamPolicyDecisionHandler() {
    this(ApprovalConfig.forDecisions(System.getenv()), AwsClients.build(IamClient.builder()),
        AwsClients.build(SsmClient.builder()), AwsClients.build(KmsClient.builder()),
        Notifier.fromEnvironment(System.getenv()), Clock.systemUTC());
  }

  IamPolicyDecisionHandler(ApprovalConfig config, IamClient iam, SsmClient ssm, KmsClient kms, Notifier notifier,
      Clock clock) {
    this.requester = new ApprovalRequester(config, new ApprovalRecordStore(ssm, config),
        new ApprovalToken(kms, config.keyId()), notifier, clock);
    VersionRecordStore records = new VersionRecordStore(ssm, config.recordPrefix(),
        config.deployment().organization());
    this.resolution = new HoldResolution(new PolicyAccounts(config.scope(),
        OrganizationAccess.create(config.deployment(), config.scope(), PolicyAccounts.DECISION_SESSION),
        new PolicyVersions(iam, records, clock), records, clock), notifier);
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
