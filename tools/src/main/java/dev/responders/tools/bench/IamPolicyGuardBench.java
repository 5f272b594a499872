package dev.responders.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responders.tools.account.GuardedPolicies;
import dev.responders.tools.account.NotificationInbox;
import dev.responders.tools.emulator.MotoServer;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * IamPolicyGuardFunction on CloudTrail's CreatePolicy of {@code data-cleanup}, whose second statement grants
 * s3:DeleteBucket: each run finds the policy just created, holds it (a neutral default version) and starts the
 * approval workflow, as in the demo.
 */
final class IamPolicyGuardBench implements FunctionBench {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SeedClients clients = new SeedClients();
  private IamClient iam;
  private String stateMachine;
  private String policyArn;

  @Override
  public String logicalId() {
    return "IamPolicyGuardFunction";
  }

  @Override
  public List<String> events() {
    return List.of("iam-policy-guard/match/create-policy.json");
  }

  @Override
  public String reference() {
    return "iam_policy_guard.py";
  }

  @Override
  public String stateBetweenRuns() {
    return "re-seeded: the policy is deleted and created again (v1 its only version) before each run, and each"
        + " run's event has an id of its own, so each starts an approval of its own";
  }

  @Override
  public void seed(MotoServer moto) {
    iam = clients.open(IamClient.builder().region(Region.AWS_GLOBAL).build());
    GuardedPolicies.createApprovalKey(clients.open(KmsClient.create()));
    stateMachine = GuardedPolicies.createApprovalWorkflow(clients.open(SfnClient.create()));
    NotificationInbox.create(clients.open(SnsClient.create()), clients.open(SqsClient.create()),
        "ResponderNotificationsTopic");
    policyArn = null;
  }

  @Override
  public Run prepare(String event) throws Exception {
    if (policyArn != null) {
      GuardedPolicies.deletePolicy(iam, policyArn);
    }
    policyArn = GuardedPolicies.createPolicy(iam);
    ObjectNode created = (ObjectNode) JSON.readTree(FunctionBench.sample(event));
    String id = UUID.randomUUID().toString();
    created.put("id", id);
    return new Run(created.toString(), List.of("policy=" + policyArn, "version=v1", "event_id=" + id,
        "state_machine=" + stateMachine));
  }

  @Override
  public void close() {
    clients.close();
  }
}
