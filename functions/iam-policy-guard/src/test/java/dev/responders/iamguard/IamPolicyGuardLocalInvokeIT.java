package dev.responders.iamguard;

import static dev.responders.iamguard.GuardScenario.RESTRICTED_IN_SECOND_STATEMENT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responders.shared.aws.AwsClients;
import dev.responders.shared.json.Json;
import dev.responders.tools.RepositoryRoot;
import dev.responders.tools.account.SampleEvents;
import dev.responders.tools.emulator.MotoExtension;
import dev.responders.tools.emulator.MotoServer;
import dev.responders.tools.invoke.FunctionArtifact;
import dev.responders.tools.invoke.LocalRun;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The three functions as bin/invoke runs them: handler, code and environment from template.yaml, each in a JVM of
 * its own, against the emulator: the guard holds, the workflow's request step sends the link, the link's GET shows
 * the page.
 */
@ExtendWith(MotoExtension.class)
class IamPolicyGuardLocalInvokeIT {

  private final Path root = RepositoryRoot.find();
  private final SfnClient sfn = AwsClients.build(SfnClient.builder());
  private GuardScenario account;
  private MotoServer moto;
  private String policy;
  private String stateMachine;

  @TempDir
  Path work;

  @BeforeEach
  void seed(MotoServer moto) {
    this.moto = moto;
    account = new GuardScenario();
    policy = account.createPolicy("data-cleanup", RESTRICTED_IN_SECOND_STATEMENT);
    // The names template.yaml gives the workflow and the link key.
    stateMachine = sfn.createStateMachine(r -> r.name("aws-event-responders-iam-policy-approval")
        .roleArn("arn:aws:iam::123456789012:role/IamPolicyApprovalStateMachineRole")
        .definition("{\"StartAt\":\"Wait\",\"States\":{\"Wait\":{\"Type\":\"Pass\",\"End\":true}}}"))
        .stateMachineArn();
    String key = account.createKey();
    account.kms.createAlias(r -> r.aliasName("alias/aws-event-responders/iam-policy-approvals").targetKeyId(key));
  }

  @Test
  void theArtifactIsShrunkUnderTheSizeBudget() throws Exception {
    // The package phase shrinks target/lambda (lambda-shrink.pro); every test of this class runs that artifact.
    assertThat(FunctionArtifact.in(RepositoryRoot.find().resolve("functions/iam-policy-guard")).zippedBytes())
        .isLessThanOrEqualTo(FunctionArtifact.SIZE_BUDGET_BYTES);
  }

  @Test
  void theGuardHoldsWithTheEnvironmentTheTemplateGivesIt() throws Exception {
    LocalRun run = invoke("IamPolicyGuardFunction", GuardScenario.event("match/create-policy.json", policy, "v1"));

    assertThat(run.status()).as(run.log()).isZero();
    assertThat(run.result().get("status").asText()).isEqualTo("held");
    assertThat(run.report()).containsKeys("Init Duration", "Duration");
    assertThat(run.metrics()).isEqualTo(java.util.Map.of("Held", 1));
    assertThat(account.defaultVersion(policy)).isEqualTo("v2");
    assertThat(sfn.listExecutions(r -> r.stateMachineArn(stateMachine)).executions()).hasSize(1);
    assertThat(run.log()).contains("\"action\":\"iam:CreatePolicyVersion\"");
  }

  @Test
  void theRestrictedActionsParameterReachesTheGuard() throws Exception {
    LocalRun run = invoke("IamPolicyGuardFunction", GuardScenario.event("match/create-policy.json", policy, "v1"),
        "--param", "RestrictedActions=ec2:TerminateInstances", "--env", "NOTIFICATION_TOPIC_ARN=" + account.inbox.topicArn());

    assertThat(run.status()).as(run.log()).isZero();
    assertThat(run.result().get("status").asText()).isEqualTo("allowed");
    assertThat(run.metrics()).isEqualTo(java.util.Map.of("Allowed", 1));
    assertThat(account.versions(policy)).containsExactly("v1");
    assertThat(account.inbox.take()).hasSize(1);
  }

  @Test
  void aMalformedEventExitsOneWithLambdasErrorShapeAndChangesNothing() throws Exception {
    LocalRun run = invoke("IamPolicyGuardFunction",
        SampleEvents.read("iam-policy-guard", "malformed/set-default-bad-version-id.json"));

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.output()).isEmpty();
    assertThat(run.error().get("errorType").asText()).isEqualTo("dev.responders.shared.error.InvalidEventException");
    assertThat(run.error().get("errorMessage").asText()).isEqualTo("Invalid event: detail.requestParameters.versionId"
        + " must be a policy version id such as v2, got 'version-two'");
    assertThat(account.versions(policy)).containsExactly("v1");
  }

  @Test
  void snapStartModeRunsThePrimingHookWithoutChangingAnything() throws Exception {
    LocalRun run = invoke("IamPolicyGuardFunction",
        SampleEvents.read("iam-policy-guard", "no-match/create-policy-failed.json"), "--snapstart");

    assertThat(run.status()).as(run.log()).isZero();
    assertThat(run.result().get("status").asText()).isEqualTo("skipped");
    assertThat(run.timing().get("snapshot_hooks_ms").asLong()).isNotNegative();
    assertThat(run.log()).doesNotContain("\"kind\":\"priming\",\"outcome\":\"failed\"");
    assertThat(account.versions(policy)).containsExactly("v1");
    assertThat(sfn.listExecutions(r -> r.stateMachineArn(stateMachine)).executions()).isEmpty();
  }

  @Test
  void theRequestStepSendsALinkWhoseGetShowsTheConfirmationPage() throws Exception {
    requestThenShow();
  }

  @Test
  void afterTheirPrimingHooksTheRequestStepAndTheLinkDoTheSameAndThePrimingLeftNothing() throws Exception {
    List<LocalRun> runs = requestThenShow("--snapstart");

    for (LocalRun run : runs) {
      assertThat(run.timing().get("snapshot_hooks_ms").asLong()).as("priming ran (it calls SSM and KMS)")
          .isPositive();
      assertThat(run.log()).doesNotContain("\"kind\":\"priming\",\"outcome\":\"failed\"");
    }
    assertThat(account.ssm.describeParameters().parameters()).as("the request's record only")
        .singleElement().satisfies(p -> assertThat(p.name()).endsWith("/approvals/data-cleanup-v1-0123456789abcdef"));
    assertThat(account.inbox.take()).as("the link was the only message").isEmpty();
  }

  /** The workflow's request step, then the link's GET, each in a JVM of its own; returns both runs. */
  private List<LocalRun> requestThenShow(String... options) throws Exception {
    account.addVersion(policy, NeutralPolicy.DOCUMENT, true);
    ObjectNode step = Json.MAPPER.createObjectNode().put("action", "request-approval")
        .put("request_id", "data-cleanup-v1-0123456789abcdef").put("task_token", "example-task-token");
    step.set("held", Json.MAPPER.valueToTree(new HeldChange(policy, "v1", "v2", "event-1", "CreatePolicy",
        "arn:aws:iam::123456789012:user/dana", List.of(), 3600)));

    LocalRun requested = invoke("IamPolicyDecisionFunction", step.toString(), Stream.concat(
        Stream.of("--env", "NOTIFICATION_TOPIC_ARN=" + account.inbox.topicArn()), Stream.of(options))
        .toArray(String[]::new));

    assertThat(requested.status()).as(requested.log()).isZero();
    assertThat(requested.result().get("status").asText()).isEqualTo("approval-requested");
    List<JsonNode> messages = account.inbox.take();
    assertThat(messages).as("one message, the link").hasSize(1);
    JsonNode message = Json.read(messages.get(0).get("Message").asText(), JsonNode.class);
    URI link = URI.create(message.get("decide_at").asText());
    assertThat(link.getHost()).isEqualTo("iampolicyapprovalfunction.lambda-url.us-east-1.on.aws");
    String token = URLDecoder.decode(link.getRawQuery().substring("token=".length()), StandardCharsets.UTF_8);

    LocalRun page = invoke("IamPolicyApprovalFunction", """
        {"version":"2.0","routeKey":"$default","rawPath":"/","queryStringParameters":{"token":"%s"},
         "requestContext":{"requestId":"r-1","http":{"method":"GET","path":"/","sourceIp":"203.0.113.9"}},
         "isBase64Encoded":false}""".formatted(token), options);

    assertThat(page.status()).as(page.log()).isZero();
    assertThat(page.result().get("statusCode").asInt()).isEqualTo(200);
    assertThat(page.result().get("body").asText()).contains("Approve this IAM policy change?");
    assertThat(account.defaultVersion(policy)).isEqualTo("v2");
    return List.of(requested, page);
  }

  private LocalRun invoke(String function, String event, String... options) throws IOException, InterruptedException {
    // One folder per run: two runs in one test must not share their output files.
    return LocalRun.of(root, java.nio.file.Files.createTempDirectory(work, "run-"), moto.processEnvironment(), function,
        event, options);
  }
}
