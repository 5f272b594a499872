package dev.responders.iamguard;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.aws.AwsClients;
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
 * the step in {@code action} and carries the held change as the guard started the workflow with it.
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
    this.resolution = new HoldResolution(
        new PolicyVersions(iam, new VersionRecordStore(ssm, config.recordPrefix()), clock), notifier);
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
    return Json.MAPPER.convertValue(json.get("held"), HeldChange.class);
  }
}
