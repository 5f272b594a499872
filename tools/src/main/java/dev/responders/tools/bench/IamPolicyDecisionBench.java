package dev.responders.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responders.tools.account.GuardedPolicies;
import dev.responders.tools.account.NotificationInbox;
import dev.responders.tools.emulator.MotoServer;
import java.util.List;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * IamPolicyDecisionFunction on the approval workflow's first step (the emulator's Step Functions runs no Lambda
 * task, so the bench sends the step's input, as the demo does): record the pending approval, sign the link with
 * KMS, send it to the responders. Each run is a request of its own.
 */
final class IamPolicyDecisionBench implements FunctionBench {

  static final String REQUEST_STEP = "iam-policy-guard (workflow step request-approval, built by the bench)";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SeedClients clients = new SeedClients();
  private String topicArn;
  private int requests;

  @Override
  public String logicalId() {
    return "IamPolicyDecisionFunction";
  }

  @Override
  public List<String> events() {
    return List.of(REQUEST_STEP);
  }

  @Override
  public String reference() {
    return "iam_policy_decision.py";
  }

  @Override
  public String stateBetweenRuns() {
    return "nothing to re-seed: each run is a request of its own (a new request id, so a new approval record)";
  }

  @Override
  public void seed(MotoServer moto) {
    GuardedPolicies.createApprovalKey(clients.open(KmsClient.create()));
    topicArn = NotificationInbox.create(clients.open(SnsClient.create()), clients.open(SqsClient.create()),
        "ResponderNotificationsTopic").topicArn();
  }

  @Override
  public Run prepare(String event) {
    requests++;
    String requestId = "data-cleanup-v1-bench" + requests;
    return new Run(GuardedPolicies.requestApprovalStep(requestId, "bench-task-token-" + requests, held(requests)),
        List.of("request=" + requestId, "key=" + GuardedPolicies.APPROVAL_KEY_ALIAS, "topic=" + topicArn,
            "held=" + held(requests)));
  }

  /** The workflow's input: the change the guard held (as its StartExecution sends it). */
  static String held(int n) {
    ObjectNode held = JSON.createObjectNode().put("policy_arn", "arn:aws:iam::123456789012:policy/"
        + GuardedPolicies.POLICY).put("held_version_id", "v1").put("neutral_version_id", "v2")
        .put("event_id", "bench-event-" + n).put("event_name", "CreatePolicy")
        .put("caller", "arn:aws:iam::123456789012:user/dana").put("timeout_seconds", 86400);
    held.putArray("grants").addObject().put("statement", 1).putNull("sid").put("restricted", "s3:DeleteBucket")
        .put("how", "s3:DeleteBucket");
    return held.toString();
  }

  @Override
  public void close() {
    clients.close();
  }
}
