package dev.responders.bluegreen;

import static dev.responders.bluegreen.Invocations.invoke;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.responders.bluegreen.Invocations.Run;
import dev.responders.shared.aws.AwsClients;
import dev.responders.shared.error.InvalidEventException;
import dev.responders.shared.json.Json;
import dev.responders.shared.notify.Notifier;
import dev.responders.tools.account.SampleEvents;
import dev.responders.tools.emulator.MotoExtension;
import dev.responders.tools.emulator.WireMockPeer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterHistory;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** The CodeDeploy trigger, for pipelines without a Lambda stage: a successful deployment flips once. */
@ExtendWith({MotoExtension.class, WireMockPeer.class})
@WireMockPeer.ForService(CodePipelineClient.class)
class DeploymentTriggerIT {

  private static final String MARKER = BlueGreenFlipIT.MARKER;
  private static final String SUCCEEDED = "codedeploy/match/deployment-succeeded.json";

  private SsmClient ssm;
  private CodePipelineClient codePipeline;
  private WireMockServer wireMock;
  private BlueGreenFlipHandler handler;

  @BeforeEach
  void setUp(WireMockServer wireMock) {
    this.wireMock = wireMock;
    ssm = AwsClients.build(SsmClient.builder());
    codePipeline = AwsClients.build(CodePipelineClient.builder());
    handler = new BlueGreenFlipHandler(BlueGreenFlipIT.CONFIG, ssm, codePipeline, Notifier.disabled());
  }

  private void marker(String value) {
    ssm.putParameter(r -> r.name(MARKER).type(ParameterType.STRING).value(value));
  }

  private Stream<String> values() {
    return ssm.getParameterHistory(r -> r.name(MARKER)).parameters().stream().map(ParameterHistory::value);
  }

  static Stream<String> nearMisses() throws IOException {
    try (Stream<Path> files = Files.list(SampleEvents.folder("blue-green-flip").resolve("codedeploy/no-match"))) {
      return files.map(f -> "codedeploy/no-match/" + f.getFileName()).sorted().toList().stream();
    }
  }

  @Test
  void aSuccessfulDeploymentFlipsOnceHoweverOftenItIsDelivered() {
    marker("null");
    String event = SampleEvents.read("blue-green-flip", SUCCEEDED);

    JsonNode first = invoke(handler, event).result();
    JsonNode again = invoke(handler, event).result();

    assertThat(first.get("status").asText()).isEqualTo("flipped");
    assertThat(first.get("trigger").asText()).isEqualTo("codedeploy");
    assertThat(first.get("deployment_id").asText()).isEqualTo("d-7H2K9QW3X");
    assertThat(again.get("status").asText()).isEqualTo("already-flipped");
    assertThat(values()).containsExactly("null", "green");
    assertThat(ssm.getParameterHistory(r -> r.name(MARKER)).parameters().get(1).description())
        .isEqualTo("Blue/green live colour green, set by deployment=d-7H2K9QW3X");
    assertThat(wireMock.getAllServeEvents()).as("no pipeline to report to").isEmpty();
  }

  @Test
  void theNextDeploymentFlipsBack() {
    marker("green");
    ObjectNode next = (ObjectNode) Json.read(SampleEvents.read("blue-green-flip", SUCCEEDED), JsonNode.class);
    ((ObjectNode) next.get("detail")).put("deploymentId", "d-NEXT00001");

    invoke(handler, SampleEvents.read("blue-green-flip", SUCCEEDED)).result();
    invoke(handler, next.toString()).result();

    assertThat(values()).containsExactly("green", "blue", "green");
  }

  @ParameterizedTest(name = "{0} changes nothing")
  @MethodSource("nearMisses")
  void deploymentsTheRuleWouldNotRouteChangeNothingEvenIfDelivered(String file) {
    marker("green");

    JsonNode result = invoke(handler, SampleEvents.read("blue-green-flip", file)).result();

    assertThat(result.get("status").asText()).isEqualTo("skipped");
    assertThat(result.get("reason").asText()).isNotBlank();
    assertThat(values()).containsExactly("green");
  }

  @Test
  void withTheTriggerOffADeploymentChangesNothing() {
    marker("green");
    BlueGreenFlipHandler off = new BlueGreenFlipHandler(new BlueGreenConfig(MARKER, null, null, BlueGreenFlipIT.SCOPE),
        ssm, codePipeline, Notifier.disabled());

    JsonNode result = invoke(off, SampleEvents.read("blue-green-flip", SUCCEEDED)).result();

    assertThat(result.get("reason").asText())
        .isEqualTo("the CodeDeploy trigger is off (BlueGreenCodeDeployApplication is empty)");
    assertThat(values()).containsExactly("green");
  }

  @Test
  void aDeploymentInAnotherRegionIsNotThisFunctionsToFlip() {
    marker("green");
    ObjectNode event = (ObjectNode) Json.read(SampleEvents.read("blue-green-flip", SUCCEEDED), JsonNode.class);
    event.put("region", "eu-west-1");

    JsonNode result = invoke(handler, event.toString()).result();

    assertThat(result.get("status").asText()).isEqualTo("skipped");
    assertThat(result.get("reason").asText())
        .isEqualTo("event is from region eu-west-1, this function acts in region us-east-1");
    assertThat(values()).containsExactly("green");
  }

  @Test
  void aStoredValueThatIsNoColourFailsTheInvocationForTheFailureQueue() {
    marker("teal");

    Run run = invoke(handler, SampleEvents.read("blue-green-flip", SUCCEEDED));

    assertThat(run.error()).isInstanceOfSatisfying(FlipRefusedException.class, e ->
        assertThat(e.kind()).isEqualTo(FailureKind.JOB));
    assertThat(run.stdout()).contains("\"action\":\"refuse\"");
    assertThat(values()).containsExactly("teal");
  }

  @Test
  void aDeploymentEventWithoutItsIdIsRejectedNamingTheField() {
    marker("green");
    ObjectNode event = (ObjectNode) Json.read(SampleEvents.read("blue-green-flip", SUCCEEDED), JsonNode.class);
    ((ObjectNode) event.get("detail")).remove("deploymentId");

    Run run = invoke(handler, event.toString());

    assertThat(run.error()).isInstanceOfSatisfying(InvalidEventException.class, e ->
        assertThat(e.field()).isEqualTo("detail.deploymentId"));
    assertThat(values()).containsExactly("green");
  }

  @Test
  void anEventOfAnotherKindIsANoOpThatSaysSo() {
    marker("green");

    JsonNode result = invoke(handler, SampleEvents.read("tag-isolation", "isolate-tag-applied.json")).result();

    assertThat(result.get("status").asText()).isEqualTo("skipped");
    assertThat(result.get("reason").asText()).isEqualTo("event is 'Tag Change on Resource' from aws.tag, not "
        + "'CodeDeploy Deployment State-change Notification' from aws.codedeploy");
    assertThat(values()).containsExactly("green");
  }
}
