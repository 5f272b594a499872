package dev.responders.iamguard;

import static dev.responders.iamguard.GuardScenario.RESTRICTED_IN_SECOND_STATEMENT;
import static dev.responders.iamguard.GuardScenario.UNRESTRICTED;
import static dev.responders.iamguard.GuardScenario.event;
import static dev.responders.iamguard.GuardScenario.invoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.shared.aws.AwsClients;
import dev.responders.shared.error.InvalidEventException;
import dev.responders.shared.error.RemediationIncompleteException;
import dev.responders.shared.json.Json;
import dev.responders.tools.account.SampleEvents;
import dev.responders.tools.emulator.MotoExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

/** The guard against moto: IAM policy versions, SSM, Step Functions StartExecution, SNS. */
@ExtendWith(MotoExtension.class)
class IamPolicyGuardIT {

  private GuardScenario account;
  private final SfnClient sfn = AwsClients.build(SfnClient.builder());
  private String stateMachine;

  @BeforeEach
  void seed() {
    account = new GuardScenario();
    stateMachine = sfn.createStateMachine(r -> r.name("aws-event-responders-iam-policy-approval")
        .roleArn("arn:aws:iam::123456789012:role/IamPolicyApprovalStateMachineRole")
        .definition("{\"StartAt\":\"Wait\",\"States\":{\"Wait\":{\"Type\":\"Pass\",\"End\":true}}}"))
        .stateMachineArn();
  }

  private List<ExecutionListItem> executions() {
    return sfn.listExecutions(r -> r.stateMachineArn(stateMachine)).executions();
  }

  private JsonNode executionInput() {
    String arn = executions().get(0).executionArn();
    return Json.read(sfn.describeExecution(r -> r.executionArn(arn)).input(), JsonNode.class);
  }

  @Test
  void aRestrictedActionInTheSecondStatementIsHeldBeforeTheApprovalStarts() {
    String policy = account.createPolicy("data-cleanup", RESTRICTED_IN_SECOND_STATEMENT);

    JsonNode result = invoke(account.guard(stateMachine), event("match/create-policy.json", policy, "v1"));

    assertThat(result.get("status").asText()).isEqualTo("held");
    assertThat(account.defaultVersion(policy)).isEqualTo("v2");
    assertThat(account.document(policy, "v2")).isEqualTo(NeutralPolicy.DOCUMENT);
    assertThat(account.document(policy, "v1")).as("the original, recoverable").isEqualTo(RESTRICTED_IN_SECOND_STATEMENT);
    assertThat(result.get("grants").get(0).get("statement").asInt()).isEqualTo(1);
    assertThat(executions()).singleElement().satisfies(e -> assertThat(e.status().toString()).isEqualTo("RUNNING"));
    JsonNode input = executionInput();
    assertThat(input.get("held_version_id").asText()).isEqualTo("v1");
    assertThat(input.get("neutral_version_id").asText()).isEqualTo("v2");
    assertThat(input.get("timeout_seconds").asLong()).isEqualTo(86_400);
    assertThat(input.get("caller").asText()).isEqualTo("arn:aws:iam::123456789012:user/dana");
    assertThat(result.get("changes")).extracting(c -> c.get("action").asText())
        .containsExactly("iam:CreatePolicyVersion", "states:StartExecution");
  }

  @Test
  void aWildcardVersionMadeTheDefaultIsHeld() {
    String policy = account.createPolicy("data-cleanup", UNRESTRICTED);
    String wildcard = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:Delete*\","
        + "\"Resource\":\"*\"}}";
    account.addVersion(policy, wildcard, true);

    JsonNode result = invoke(account.guard(stateMachine),
        event("match/create-policy-version-as-default.json", policy, "v2"));

    assertThat(result.get("status").asText()).isEqualTo("held");
    assertThat(account.defaultVersion(policy)).isEqualTo("v3");
    assertThat(account.document(policy, "v2")).isEqualTo(wildcard);
    assertThat(result.get("grants")).extracting(g -> g.get("restricted").asText())
        .containsExactly("s3:deletebucket", "s3:deleteobjectversion");
  }

  @Test
  void aNotActionVersionSetAsDefaultIsHeld() {
    String policy = account.createPolicy("data-cleanup", UNRESTRICTED);
    account.addVersion(policy, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"NotAction\":[\"s3:*\"],\"Resource\":\"*\"}]}", false);
    account.iam.setDefaultPolicyVersion(r -> r.policyArn(policy).versionId("v2"));

    JsonNode result = invoke(account.guard(stateMachine), event("match/set-default-policy-version.json", policy, "v2"));

    assertThat(result.get("status").asText()).isEqualTo("held");
    assertThat(account.defaultVersion(policy)).isEqualTo("v3");
    assertThat(result.get("grants")).extracting(g -> g.get("restricted").asText())
        .contains("iam:passrole", "organizations:*").doesNotContain("s3:deletebucket");
  }

  @Test
  void anUnrestrictedPolicyIsUntouchedAndTheRespondersAreTold() {
    String policy = account.createPolicy("data-cleanup", UNRESTRICTED);

    JsonNode result = invoke(account.guard(stateMachine), event("match/create-policy.json", policy, "v1"));

    assertThat(result.get("status").asText()).isEqualTo("allowed");
    assertThat(account.versions(policy)).containsExactly("v1");
    assertThat(executions()).isEmpty();
    assertThat(account.inbox.take()).singleElement().satisfies(n -> {
      assertThat(n.get("Subject").asText()).isEqualTo("IAM policy change allowed: data-cleanup v1");
      assertThat(n.get("MessageAttributes").get("outcome").get("Value").asText()).isEqualTo("allowed");
    });
  }

  @Test
  void atTheFiveVersionLimitTheOldestVersionIsRecordedInSsmThenDeleted() {
    String policy = account.createPolicy("data-cleanup", UNRESTRICTED);
    String oldest = account.document(policy, "v1");
    for (int i = 2; i <= 4; i++) {
      account.addVersion(policy, UNRESTRICTED.replace("s3:ListBucket", "s3:ListBucketV" + i), false);
    }
    account.addVersion(policy, RESTRICTED_IN_SECOND_STATEMENT, true);
    String policyId = account.iam.getPolicy(r -> r.policyArn(policy)).policy().policyId();

    JsonNode result = invoke(account.guard(stateMachine),
        event("match/create-policy-version-as-default.json", policy, "v5"));

    assertThat(result.get("status").asText()).isEqualTo("held");
    assertThat(account.versions(policy)).containsExactly("v2", "v3", "v4", "v5", "v6");
    assertThat(account.defaultVersion(policy)).isEqualTo("v6");
    JsonNode record = Json.read(account.ssm.getParameter(r -> r.name(GuardScenario.PREFIX + "/versions/" + policyId
        + "/v1")).parameter().value(), JsonNode.class);
    assertThat(record.get("document").asText()).isEqualTo(oldest);
    assertThat(record.get("policy_arn").asText()).isEqualTo(policy);
    assertThat(result.get("changes")).extracting(c -> c.get("action").asText())
        .containsExactly("ssm:PutParameter", "iam:DeletePolicyVersion", "iam:CreatePolicyVersion",
            "states:StartExecution");
  }

  @Test
  void aRedeliveredEventFindsThePolicyHeldAndStartsNothingTwice() {
    String policy = account.createPolicy("data-cleanup", RESTRICTED_IN_SECOND_STATEMENT);
    String event = event("match/create-policy.json", policy, "v1");
    invoke(account.guard(stateMachine), event);

    JsonNode again = invoke(account.guard(stateMachine), event);

    assertThat(again.get("status").asText()).isEqualTo("already-held");
    assertThat(account.versions(policy)).containsExactly("v1", "v2");
    assertThat(executions()).hasSize(1);
  }

  @Test
  void whenTheWorkflowCannotStartThePolicyStaysHeldAndTheFunctionFails() {
    String policy = account.createPolicy("data-cleanup", RESTRICTED_IN_SECOND_STATEMENT);
    String event = event("match/create-policy.json", policy, "v1");
    String missing = stateMachine.replace("iam-policy-approval", "deleted-workflow");

    assertThatThrownBy(() -> invoke(account.guard(missing), event))
        .isInstanceOf(RemediationIncompleteException.class).hasMessageContaining("states:StartExecution");
    assertThat(account.defaultVersion(policy)).isEqualTo("v2");
    assertThat(account.document(policy, "v2")).isEqualTo(NeutralPolicy.DOCUMENT);

    JsonNode retry = invoke(account.guard(stateMachine), event);
    assertThat(retry.get("status").asText()).isEqualTo("already-held");
    assertThat(executions()).hasSize(1);
    assertThat(account.versions(policy)).containsExactly("v1", "v2");
  }

  @Test
  void theGuardsOwnCallsAreIgnored() {
    String policy = account.createPolicy("data-cleanup", RESTRICTED_IN_SECOND_STATEMENT);
    account.addVersion(policy, NeutralPolicy.DOCUMENT, true);

    JsonNode result = invoke(account.guard(stateMachine), event("match/guard-own-neutral-version.json", policy, "v2"));

    assertThat(result.get("status").asText()).isEqualTo("skipped");
    assertThat(result.get("reason").asText()).contains("the guard's own").contains("IamPolicyGuardFunctionRole");
    assertThat(account.versions(policy)).containsExactly("v1", "v2");
    assertThat(executions()).isEmpty();
  }

  @Test
  void aSupersededChangeIsLeftToItsOwnEvent() {
    String policy = account.createPolicy("data-cleanup", RESTRICTED_IN_SECOND_STATEMENT);
    account.addVersion(policy, UNRESTRICTED, true);

    JsonNode result = invoke(account.guard(stateMachine), event("match/create-policy.json", policy, "v1"));

    assertThat(result.get("status").asText()).isEqualTo("skipped");
    assertThat(result.get("reason").asText()).contains("superseded");
    assertThat(account.defaultVersion(policy)).isEqualTo("v2");
  }

  static Stream<String> malformed() {
    try (Stream<Path> files = Files.list(SampleEvents.folder("iam-policy-guard").resolve("malformed"))) {
      return files.map(f -> "malformed/" + f.getFileName()).sorted().toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void malformedEventsFailNamingTheFieldAndChangeNothing(String file) {
    String policy = account.createPolicy("data-cleanup", RESTRICTED_IN_SECOND_STATEMENT);

    assertThatThrownBy(() -> invoke(account.guard(stateMachine), SampleEvents.read("iam-policy-guard", file)))
        .isInstanceOf(InvalidEventException.class)
        .satisfies(e -> assertThat(((InvalidEventException) e).field()).matches(
            "detail\\.(responseElements\\.policy\\.arn|requestParameters\\.(versionId|policyArn))"));
    assertThat(account.versions(policy)).containsExactly("v1");
    assertThat(executions()).isEmpty();
  }
}
