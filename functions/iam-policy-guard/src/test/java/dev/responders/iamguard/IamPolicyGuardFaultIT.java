package dev.responders.iamguard;

import static dev.responders.iamguard.GuardScenario.RESTRICTED_IN_SECOND_STATEMENT;
import static dev.responders.iamguard.GuardScenario.UNRESTRICTED;
import static dev.responders.iamguard.GuardScenario.event;
import static dev.responders.iamguard.GuardScenario.invoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.shared.aws.AwsClients;
import dev.responders.shared.error.NotificationFailedException;
import dev.responders.shared.error.RemediationIncompleteException;
import dev.responders.tools.emulator.AwsFault;
import dev.responders.tools.emulator.FaultProxy;
import dev.responders.tools.emulator.MotoExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Faults half-way through a hold, injected by the fault proxy in front of moto: the order of the steps keeps the
 * original recoverable, a failure fails the invocation, and Lambda's retry finishes the hold.
 */
@ExtendWith({MotoExtension.class, FaultProxy.Extension.class})
class IamPolicyGuardFaultIT {

  private GuardScenario account;
  private final SfnClient sfn = AwsClients.build(SfnClient.builder());
  private String stateMachine;
  private String policy;

  @BeforeEach
  void seed() {
    account = new GuardScenario();
    stateMachine = sfn.createStateMachine(r -> r.name("aws-event-responders-iam-policy-approval")
        .roleArn("arn:aws:iam::123456789012:role/IamPolicyApprovalStateMachineRole")
        .definition("{\"StartAt\":\"Wait\",\"States\":{\"Wait\":{\"Type\":\"Pass\",\"End\":true}}}"))
        .stateMachineArn();
  }

  private int executions() {
    return sfn.listExecutions(r -> r.stateMachineArn(stateMachine)).executions().size();
  }

  @Test
  void aThrottledWorkflowStartLeavesThePolicyHeldAndTheRetryStartsIt(FaultProxy proxy) {
    policy = account.createPolicy("data-cleanup", RESTRICTED_IN_SECOND_STATEMENT);
    String event = event("match/create-policy.json", policy, "v1");
    proxy.failAlways("StartExecution", AwsFault.throttling());

    assertThatThrownBy(() -> invoke(account.guard(stateMachine), event))
        .isInstanceOf(RemediationIncompleteException.class)
        .hasMessageContaining("after [iam:CreatePolicyVersion " + policy + "]");
    assertThat(proxy.attempts("StartExecution")).as("the SDK's retries").isGreaterThan(1);
    assertThat(account.defaultVersion(policy)).isEqualTo("v2");
    assertThat(account.document(policy, "v2")).isEqualTo(NeutralPolicy.DOCUMENT);

    proxy.heal("StartExecution");
    assertThat(invoke(account.guard(stateMachine), event).get("status").asText()).isEqualTo("already-held");
    assertThat(executions()).isEqualTo(1);
    assertThat(account.versions(policy)).containsExactly("v1", "v2");
  }

  @Test
  void aRefusedNeutralVersionStartsNothingAndTheRetryHolds(FaultProxy proxy) {
    policy = account.createPolicy("data-cleanup", RESTRICTED_IN_SECOND_STATEMENT);
    String event = event("match/create-policy.json", policy, "v1");
    proxy.fail("CreatePolicyVersion", AwsFault.accessDenied(), 1);

    assertThatThrownBy(() -> invoke(account.guard(stateMachine), event)).isInstanceOf(AwsServiceException.class);
    assertThat(account.versions(policy)).containsExactly("v1");
    assertThat(proxy.reached("StartExecution")).isZero();

    assertThat(invoke(account.guard(stateMachine), event).get("status").asText()).isEqualTo("held");
    assertThat(account.defaultVersion(policy)).isEqualTo("v2");
    assertThat(executions()).isEqualTo(1);
  }

  @Test
  void atTheLimitAVersionIsNeverDeletedUnrecorded(FaultProxy proxy) {
    policy = fiveVersions();
    String event = event("match/create-policy-version-as-default.json", policy, "v5");
    proxy.fail("PutParameter", AwsFault.accessDenied(), 1);

    assertThatThrownBy(() -> invoke(account.guard(stateMachine), event)).isInstanceOf(AwsServiceException.class);
    assertThat(proxy.reached("DeletePolicyVersion")).isZero();
    assertThat(account.versions(policy)).containsExactly("v1", "v2", "v3", "v4", "v5");

    assertThat(invoke(account.guard(stateMachine), event).get("status").asText()).isEqualTo("held");
    assertThat(account.versions(policy)).containsExactly("v2", "v3", "v4", "v5", "v6");
  }

  @Test
  void aHoldRefusedAfterMakingRoomDeletesNothingMoreOnTheRetry(FaultProxy proxy) {
    policy = fiveVersions();
    String policyId = account.iam.getPolicy(r -> r.policyArn(policy)).policy().policyId();
    String event = event("match/create-policy-version-as-default.json", policy, "v5");
    proxy.fail("CreatePolicyVersion", AwsFault.accessDenied(), 1);

    assertThatThrownBy(() -> invoke(account.guard(stateMachine), event)).isInstanceOf(AwsServiceException.class);
    assertThat(account.versions(policy)).containsExactly("v2", "v3", "v4", "v5");
    assertThat(account.ssm.getParameter(r -> r.name(GuardScenario.PREFIX + "/versions/" + policyId + "/v1"))
        .parameter().value()).contains("s3:ListBucket");

    JsonNode retry = invoke(account.guard(stateMachine), event);
    assertThat(retry.get("status").asText()).isEqualTo("held");
    assertThat(account.versions(policy)).containsExactly("v2", "v3", "v4", "v5", "v6");
    assertThat(proxy.reached("DeletePolicyVersion")).isEqualTo(1);
  }

  @Test
  void anAllowedChangeWhoseNotificationSnsRefusesFailsTheInvocation(FaultProxy proxy) {
    policy = account.createPolicy("data-cleanup", UNRESTRICTED);
    proxy.failAlways("Publish", AwsFault.accessDenied());

    assertThatThrownBy(() -> invoke(account.guard(stateMachine), event("match/create-policy.json", policy, "v1")))
        .isInstanceOf(NotificationFailedException.class).hasMessageContaining("IAM policy change allowed");
    assertThat(account.versions(policy)).containsExactly("v1");
  }

  @Test
  void aMalformedEventReachesNoAwsService(FaultProxy proxy) {
    proxy.reset();
    assertThatThrownBy(() -> invoke(account.guard(stateMachine), dev.responders.tools.account.SampleEvents.read(
        "iam-policy-guard", "malformed/create-policy-without-arn.json")))
        .isInstanceOf(dev.responders.shared.error.InvalidEventException.class);
    assertThat(proxy.reachedInOrder()).isEmpty();
  }

  private String fiveVersions() {
    String arn = account.createPolicy("data-cleanup", UNRESTRICTED);
    for (int i = 2; i <= 4; i++) {
      account.addVersion(arn, UNRESTRICTED.replace("s3:ListBucket", "s3:ListBucketV" + i), false);
    }
    account.addVersion(arn, RESTRICTED_IN_SECOND_STATEMENT, true);
    return arn;
  }
}
