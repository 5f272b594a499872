package dev.responders.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.responders.tools.account.GuardedPolicies;
import dev.responders.tools.account.NotificationInbox;
import dev.responders.tools.emulator.MotoServer;
import java.util.List;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * IamPolicyApprovalFunction on the approval link's form posted with approve: verify the link's signature, find the
 * pending approval, answer the workflow's task, record the decision. Each run's approval is requested first by
 * IamPolicyDecisionFunction itself (a {@link SeedingFunction}), whose notification carries the signed link.
 */
final class IamPolicyApprovalBench implements FunctionBench {

  static final String APPROVE = "iam-policy-guard (approval link, form posted with approve, built by the bench)";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SeedClients clients = new SeedClients();
  private NotificationInbox inbox;
  private SeedingFunction decisions;
  private int requests;

  @Override
  public String logicalId() {
    return "IamPolicyApprovalFunction";
  }

  @Override
  public List<String> events() {
    return List.of(APPROVE);
  }

  @Override
  public String reference() {
    return "iam_policy_approval.py";
  }

  @Override
  public String stateBetweenRuns() {
    return "re-seeded: before each run IamPolicyDecisionFunction (warm, outside the timed region) requests a new"
        + " approval, whose signed link the run posts (moto takes any task token)";
  }

  @Override
  public void seed(MotoServer moto) throws Exception {
    GuardedPolicies.createApprovalKey(clients.open(KmsClient.create()));
    inbox = NotificationInbox.create(clients.open(SnsClient.create()), clients.open(SqsClient.create()),
        "ResponderNotificationsTopic");
    if (decisions == null) {
      decisions = SeedingFunction.start("IamPolicyDecisionFunction", moto.processEnvironment());
    }
  }

  @Override
  public Run prepare(String event) throws Exception {
    requests++;
    decisions.invoke(GuardedPolicies.requestApprovalStep("data-cleanup-v1-bench" + requests,
        "bench-task-token-" + requests, IamPolicyDecisionBench.held(requests)));
    List<JsonNode> sent = inbox.take();
    JsonNode link = JSON.readTree(sent.get(sent.size() - 1).path("Message").asText());
    String token = GuardedPolicies.tokenOfLink(link.path("decide_at").asText());
    return new Run(GuardedPolicies.postDecision(token, "approve"), List.of("token=" + token,
        "key=" + GuardedPolicies.APPROVAL_KEY_ALIAS, "record_prefix=/responders/iam-policy-guard/approvals"));
  }

  @Override
  public void close() {
    clients.close();
    if (decisions != null) {
      decisions.close();
    }
  }
}
