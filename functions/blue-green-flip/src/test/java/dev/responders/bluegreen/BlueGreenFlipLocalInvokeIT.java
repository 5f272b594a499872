package dev.responders.bluegreen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.responders.shared.aws.AwsClients;
import dev.responders.tools.RepositoryRoot;
import dev.responders.tools.account.NotificationInbox;
import dev.responders.tools.account.SampleEvents;
import dev.responders.tools.emulator.MotoExtension;
import dev.responders.tools.emulator.MotoServer;
import dev.responders.tools.emulator.WireMockPeer;
import dev.responders.tools.invoke.FunctionArtifact;
import dev.responders.tools.invoke.LocalRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The function as bin/invoke runs it: handler, code and environment from template.yaml, in a JVM of its own, SSM
 * at the emulator named by AWS_ENDPOINT_URL and CodePipeline at the peer named by AWS_ENDPOINT_URL_CODEPIPELINE
 * (read by the SDK itself: no endpoint code in the function).
 */
@ExtendWith({MotoExtension.class, WireMockPeer.class})
class BlueGreenFlipLocalInvokeIT {

  private final Path root = RepositoryRoot.find();
  private MotoServer moto;
  private WireMockServer wireMock;
  private PipelinePeer pipeline;
  private SsmClient ssm;
  private NotificationInbox inbox;

  @TempDir
  Path work;

  @BeforeEach
  void seed(MotoServer moto, WireMockServer wireMock) {
    this.moto = moto;
    this.wireMock = wireMock;
    pipeline = new PipelinePeer(wireMock).acceptingResults();
    ssm = AwsClients.build(SsmClient.builder());
    ssm.putParameter(r -> r.name("/bluegreen/live").type(ParameterType.STRING).value("null"));
    // The name template.yaml's topic resolves to locally (no TopicName: the logical id).
    inbox = NotificationInbox.create(AwsClients.build(SnsClient.builder()), AwsClients.build(SqsClient.builder()),
        "ResponderNotificationsTopic");
  }

  @Test
  void theArtifactIsShrunkUnderTheSizeBudget() throws Exception {
    // The package phase shrinks target/lambda (lambda-shrink.pro); every test of this class runs that artifact.
    assertThat(FunctionArtifact.in(RepositoryRoot.find().resolve("functions/blue-green-flip")).zippedBytes())
        .isLessThanOrEqualTo(FunctionArtifact.SIZE_BUDGET_BYTES);
  }

  @Test
  void flipsWithTheTemplatesEnvironmentAndReportsToTheEndpointTheEnvironmentNames() throws Exception {
    LocalRun run = invoke(SampleEvents.read("blue-green-flip", "codepipeline-job.json"));

    assertThat(run.status()).isZero();
    assertThat(run.result().get("status").asText()).isEqualTo("flipped");
    assertThat(run.report()).containsKeys("Init Duration", "Duration");
    assertThat(run.metrics()).isEqualTo(java.util.Map.of("Flipped", 1));
    assertThat(ssm.getParameter(r -> r.name("/bluegreen/live")).parameter().value()).isEqualTo("green");
    assertThat(pipeline.requests(PipelinePeer.SUCCESS)).singleElement().satisfies(r ->
        assertThat(r.get("outputVariables").get("LiveColour").asText()).isEqualTo("green"));
    assertThat(run.log()).contains("\"action\":\"codepipeline:PutJobSuccessResult\"")
        .doesNotContain(Invocations.CREDENTIAL_CANARIES);
    assertThat(run.output()).doesNotContain(Invocations.CREDENTIAL_CANARIES);
    assertThat(run.result().get("notification").asText()).isEqualTo("sent");
    assertThat(inbox.take()).singleElement().satisfies(n ->
        assertThat(n.get("Subject").asText()).isEqualTo("Blue/green: green is live (/bluegreen/live)"));
  }

  @Test
  void aParameterOverrideNamesTheMarker() throws Exception {
    ssm.putParameter(r -> r.name("/bluegreen/myapp/live").type(ParameterType.STRING).value("blue"));

    LocalRun run = invoke(Invocations.job("44444444-abcd-4000-8000-444444444444", null),
        "--param", "BlueGreenParameterName=/bluegreen/myapp/live");

    assertThat(run.result().get("parameter").asText()).isEqualTo("/bluegreen/myapp/live");
    assertThat(ssm.getParameter(r -> r.name("/bluegreen/myapp/live")).parameter().value()).isEqualTo("green");
    assertThat(ssm.getParameter(r -> r.name("/bluegreen/live")).parameter().value()).isEqualTo("null");
  }

  @Test
  void aJobWithoutAnIdExitsOneWithLambdasErrorShape() throws Exception {
    LocalRun run = invoke("{\"CodePipeline.job\": {\"data\": {}}}");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.output()).isEmpty();
    assertThat(run.error().get("errorType").asText()).isEqualTo("dev.responders.shared.error.InvalidEventException");
    assertThat(run.error().get("errorMessage").asText()).isEqualTo("Invalid event: CodePipeline.job.id is missing");
    assertThat(wireMock.getAllServeEvents()).isEmpty();
  }

  @Test
  void snapStartPrimingReadsTheMarkerAndChangesNothing() throws Exception {
    LocalRun run = invoke(SampleEvents.read("blue-green-flip", "codedeploy/no-match/deployment-failed.json"), "--snapstart");

    assertThat(run.status()).isZero();
    assertThat(run.result().get("status").asText()).isEqualTo("skipped");
    JsonNode timing = run.timing();
    assertThat(timing.get("snapshot_hooks_ms").asLong()).as("priming ran (it reads SSM)").isPositive();
    assertThat(run.log()).doesNotContain("\"kind\":\"priming\",\"outcome\":\"failed\"");
    assertThat(ssm.getParameterHistory(r -> r.name("/bluegreen/live")).parameters()).hasSize(1);
    assertThat(wireMock.getAllServeEvents()).as("priming reports no job").isEmpty();
  }

  private LocalRun invoke(String event, String... options) throws IOException, InterruptedException {
    Map<String, String> environment = new HashMap<>(moto.processEnvironment());
    environment.put("AWS_ENDPOINT_URL_CODEPIPELINE", "http://127.0.0.1:" + wireMock.port());
    return LocalRun.of(root, work, environment, "BlueGreenFlipFunction", event, options);
  }

}
