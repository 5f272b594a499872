package dev.responders.bluegreen;

import static dev.responders.bluegreen.Invocations.invoke;
import static dev.responders.bluegreen.Invocations.job;
import static dev.responders.bluegreen.PipelinePeer.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.responders.bluegreen.Invocations.Run;
import dev.responders.shared.aws.AwsClients;
import dev.responders.shared.error.NotificationFailedException;
import dev.responders.shared.json.Json;
import dev.responders.shared.notify.Notifier;
import dev.responders.tools.account.NotificationInbox;
import dev.responders.tools.account.SampleEvents;
import dev.responders.tools.emulator.AwsFault;
import dev.responders.tools.emulator.FaultProxy;
import dev.responders.tools.emulator.MotoExtension;
import dev.responders.tools.emulator.WireMockPeer;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterHistory;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The responders are told on the suite's topic: a flip once (and again by a retry of the same invocation, never
 * not at all), a failure once; a notification SNS refused after a flip makes Lambda retry, and the retry sends it.
 */
@ExtendWith({MotoExtension.class, FaultProxy.Extension.class, WireMockPeer.class})
@WireMockPeer.ForService(CodePipelineClient.class)
class BlueGreenFlipNotificationIT {

  private static final String MARKER = BlueGreenFlipIT.MARKER;
  private static final String EXECUTION = "00000077-0000-4000-8000-000000000077";

  private SsmClient ssm;
  private PipelinePeer pipeline;
  private NotificationInbox inbox;
  private BlueGreenFlipHandler handler;

  @BeforeEach
  void setUp(WireMockServer wireMock, FaultProxy proxy) {
    ssm = AwsClients.build(SsmClient.builder());
    pipeline = new PipelinePeer(wireMock).acceptingResults();
    inbox = NotificationInbox.create(AwsClients.build(SnsClient.builder()), AwsClients.build(SqsClient.builder()),
        "responder-notifications");
    handler = new BlueGreenFlipHandler(BlueGreenFlipIT.CONFIG, ssm, AwsClients.build(CodePipelineClient.builder()),
        new Notifier(AwsClients.build(SnsClient.builder()), inbox.topicArn()));
    ssm.putParameter(r -> r.name(MARKER).type(ParameterType.STRING).value("green"));
    proxy.reset();
  }

  private static String jobOfTheExecution(String jobId) {
    return job(jobId, "{\"pipelineExecutionId\":\"" + EXECUTION + "\"}");
  }

  @Test
  void aFlipIsToldOnceWithWhatChangedAndAStageRetryTellsNothing() {
    JsonNode flipped = invoke(handler, jobOfTheExecution("00000001-abcd-4000-8000-000000000001")).result();
    JsonNode stageRetry = invoke(handler, jobOfTheExecution("00000002-abcd-4000-8000-000000000002")).result();

    assertThat(flipped.get("notification").asText()).isEqualTo("sent");
    assertThat(stageRetry.has("notification")).isFalse();
    List<JsonNode> told = inbox.take();
    assertThat(told).singleElement().satisfies(n -> {
      assertThat(n.get("Subject").asText()).isEqualTo("Blue/green: blue is live (/bluegreen/live)");
      assertThat(n.get("MessageAttributes").get("handler").get("Value").asText()).isEqualTo("blue-green-flip");
      assertThat(n.get("MessageAttributes").get("outcome").get("Value").asText()).isEqualTo("flipped");
      JsonNode message = Json.read(n.get("Message").asText(), JsonNode.class);
      assertThat(message.get("live").asText()).isEqualTo("blue");
      assertThat(message.get("previous").asText()).isEqualTo("green");
      assertThat(message.get("set_by").asText()).isEqualTo("CodePipeline job 00000001-abcd-4000-8000-000000000001 "
          + "(pipeline execution " + EXECUTION + ")");
    });
  }

  @Test
  void aNotificationSnsRefusedAfterTheFlipIsThrownAndTheRetrySendsItWithoutASecondFlip(FaultProxy proxy) {
    proxy.fail("Publish", AwsFault.serverError(), 3);
    String event = jobOfTheExecution("00000001-abcd-4000-8000-000000000001");

    Run refused = invoke(handler, event);
    JsonNode retried = invoke(handler, event).result();

    assertThat(refused.error()).isInstanceOf(NotificationFailedException.class);
    assertThat(pipeline.requests(SUCCESS)).as("the pipeline is told before the responders").hasSize(2);
    assertThat(retried.get("status").asText()).isEqualTo("already-flipped");
    assertThat(retried.get("notification").asText()).isEqualTo("sent");
    assertThat(inbox.take()).singleElement().satisfies(n ->
        assertThat(n.get("Subject").asText()).isEqualTo("Blue/green: blue is live (/bluegreen/live)"));
    assertThat(proxy.reached("PutParameter")).isEqualTo(1);
    assertThat(ssm.getParameterHistory(r -> r.name(MARKER)).parameters()).extracting(ParameterHistory::value)
        .containsExactly("green", "blue");
  }

  @Test
  void aFailedJobIsToldToTheRespondersAsWellAsToThePipeline() {
    ssm.putParameter(r -> r.name(MARKER).value("teal").overwrite(true));

    JsonNode result = invoke(handler, jobOfTheExecution("00000003-abcd-4000-8000-000000000003")).result();

    assertThat(result.get("notification").asText()).isEqualTo("sent");
    assertThat(inbox.take()).singleElement().satisfies(n -> {
      assertThat(n.get("Subject").asText()).isEqualTo("Blue/green flip FAILED (/bluegreen/live)");
      assertThat(n.get("MessageAttributes").get("outcome").get("Value").asText()).isEqualTo("failed");
      assertThat(Json.read(n.get("Message").asText(), JsonNode.class).get("failure_type").asText())
          .isEqualTo("JobFailed");
    });
  }

  @Test
  void aFailureWhoseNotificationSnsRefusedIsStillReportedAndNotRetried(FaultProxy proxy) {
    ssm.putParameter(r -> r.name(MARKER).value("teal").overwrite(true));
    proxy.fail("Publish", AwsFault.serverError(), 3);

    JsonNode result = invoke(handler, jobOfTheExecution("00000004-abcd-4000-8000-000000000004")).result();

    assertThat(result.get("pipeline_report").asText()).isEqualTo("failed");
    assertThat(result.get("notification").asText()).isEqualTo("failed");
    assertThat(result.get("changes").toString()).contains("codepipeline:PutJobFailureResult");
  }

  @Test
  void aDeploymentFlipIsToldAndARefusedNotificationIsSentByTheRetry(FaultProxy proxy) {
    proxy.fail("Publish", AwsFault.serverError(), 3);
    String deployment = SampleEvents.read("blue-green-flip", "codedeploy/match/deployment-succeeded.json");

    Run refused = invoke(handler, deployment);
    JsonNode retried = invoke(handler, deployment).result();

    assertThat(refused.error()).isInstanceOf(NotificationFailedException.class);
    assertThat(retried.get("notification").asText()).isEqualTo("sent");
    assertThat(inbox.take()).singleElement().satisfies(n -> assertThat(Json.read(n.get("Message").asText(),
        JsonNode.class).get("set_by").asText()).isEqualTo("CodeDeploy deployment d-7H2K9QW3X"));
    assertThat(proxy.reached("PutParameter")).isEqualTo(1);
  }
}
