package dev.responders.bluegreen;

import static dev.responders.bluegreen.Invocations.invoke;
import static dev.responders.bluegreen.Invocations.job;
import static dev.responders.bluegreen.PipelinePeer.FAILURE;
import static dev.responders.bluegreen.PipelinePeer.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.responders.bluegreen.Invocations.Run;
import dev.responders.shared.aws.AwsClients;
import dev.responders.shared.notify.Notifier;
import dev.responders.tools.account.SampleEvents;
import dev.responders.tools.emulator.AwsFault;
import dev.responders.tools.emulator.FaultProxy;
import dev.responders.tools.emulator.MotoExtension;
import dev.responders.tools.emulator.WireMockPeer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterHistory;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * SSM calls denied, throttled or failing half-way (the fault proxy in front of moto), and CodePipeline refusing
 * the report (WireMock): the pipeline is always told, nothing is flipped twice, and a retry finishes the job.
 */
@ExtendWith({MotoExtension.class, FaultProxy.Extension.class, WireMockPeer.class})
@WireMockPeer.ForService(CodePipelineClient.class)
class BlueGreenFlipFaultIT {

  private static final String MARKER = BlueGreenFlipIT.MARKER;
  private static final String EXECUTION = "00000042-0000-4000-8000-000000000042";

  private SsmClient ssm;
  private PipelinePeer pipeline;
  private BlueGreenFlipHandler handler;

  @BeforeEach
  void setUp(WireMockServer wireMock, FaultProxy proxy) {
    ssm = AwsClients.build(SsmClient.builder());
    pipeline = new PipelinePeer(wireMock).acceptingResults();
    handler = new BlueGreenFlipHandler(BlueGreenFlipIT.CONFIG, ssm, AwsClients.build(CodePipelineClient.builder()),
        Notifier.disabled());
    ssm.putParameter(r -> r.name(MARKER).type(ParameterType.STRING).value("green"));
    proxy.reset();
  }

  private static String jobOfTheExecution(String jobId) {
    return job(jobId, "{\"pipelineExecutionId\":\"" + EXECUTION + "\"}");
  }

  private String value() {
    return ssm.getParameter(r -> r.name(MARKER)).parameter().value();
  }

  @Test
  void aPutParameterThrottledOnceIsRetriedByTheSdkAndFlipsOnce(FaultProxy proxy) {
    proxy.fail("PutParameter", AwsFault.throttling(), 1);

    JsonNode result = invoke(handler, jobOfTheExecution("00000001-abcd-4000-8000-000000000001")).result();

    assertThat(result.get("status").asText()).isEqualTo("flipped");
    assertThat(value()).isEqualTo("blue");
    assertThat(proxy.attempts("PutParameter")).isEqualTo(2);
    assertThat(proxy.reached("PutParameter")).isEqualTo(1);
    assertThat(pipeline.requests(SUCCESS)).hasSize(1);
  }

  @Test
  void aPutParameterDeniedOnceIsReportedAsAPermissionErrorAndAStageRetryFinishes(FaultProxy proxy) {
    proxy.fail("PutParameter", AwsFault.accessDenied(), 1);

    JsonNode denied = invoke(handler, jobOfTheExecution("00000001-abcd-4000-8000-000000000001")).result();
    String afterDenial = value();
    JsonNode retried = invoke(handler, jobOfTheExecution("00000002-abcd-4000-8000-000000000002")).result();

    assertThat(denied.get("status").asText()).isEqualTo("failed");
    assertThat(afterDenial).isEqualTo("green");
    assertThat(pipeline.requests(FAILURE)).singleElement().satisfies(r -> {
      assertThat(r.get("jobId").asText()).isEqualTo("00000001-abcd-4000-8000-000000000001");
      assertThat(r.get("failureDetails").get("type").asText()).isEqualTo("PermissionError");
      assertThat(r.get("failureDetails").get("message").asText())
          .startsWith("Ssm call failed, /bluegreen/live was not changed: User is not authorized");
    });
    assertThat(retried.get("status").asText()).isEqualTo("flipped");
    assertThat(value()).isEqualTo("blue");
    assertThat(proxy.reached("PutParameter")).isEqualTo(1);
    assertThat(pipeline.requests(SUCCESS)).extracting(r -> r.get("jobId").asText())
        .containsExactly("00000002-abcd-4000-8000-000000000002");
  }

  @Test
  void throttlingPastTheSdksRetriesFailsTheJobAndTheRetryFinishes(FaultProxy proxy) {
    proxy.fail("PutParameter", AwsFault.throttling(), 3);

    JsonNode throttled = invoke(handler, jobOfTheExecution("00000001-abcd-4000-8000-000000000001")).result();
    JsonNode retried = invoke(handler, jobOfTheExecution("00000002-abcd-4000-8000-000000000002")).result();

    assertThat(throttled.get("failure_type").asText()).isEqualTo("JobFailed");
    assertThat(throttled.get("reason").asText()).contains("Rate exceeded");
    assertThat(proxy.attempts("PutParameter")).isEqualTo(4);
    assertThat(retried.get("status").asText()).isEqualTo("flipped");
    assertThat(ssm.getParameterHistory(r -> r.name(MARKER)).parameters()).extracting(ParameterHistory::value)
        .containsExactly("green", "blue");
  }

  @Test
  void aWriteThatHangsPastTheAttemptTimeoutAndLandsLateSetsTheSameColourNotTheOther(FaultProxy proxy)
      throws InterruptedException {
    proxy.hang("PutParameter", Duration.ofSeconds(9), 1);

    JsonNode result = invoke(handler, jobOfTheExecution("00000001-abcd-4000-8000-000000000001")).result();
    Instant deadline = Instant.now().plusSeconds(10);
    while (proxy.reached("PutParameter") < 2 && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }

    assertThat(result.get("status").asText()).isEqualTo("flipped");
    assertThat(proxy.reached("PutParameter")).as("the SDK's retry and the late original").isEqualTo(2);
    assertThat(ssm.getParameterHistory(r -> r.name(MARKER)).parameters())
        .as("both writes carry the target colour and the same record: nothing toggles back")
        .extracting(ParameterHistory::value).containsExactly("green", "blue", "blue");
    assertThat(pipeline.requests(SUCCESS)).singleElement().satisfies(r ->
        assertThat(r.get("outputVariables").get("LiveColour").asText()).isEqualTo("blue"));
  }

  @Test
  void aWriteBySomeoneElseBetweenTheReadAndTheWriteIsReportedNotHidden(FaultProxy proxy) {
    proxy.interleave("PutParameter", () -> ssm.putParameter(r -> r.name(MARKER).value("purple").overwrite(true)));

    JsonNode result = invoke(handler, jobOfTheExecution("00000001-abcd-4000-8000-000000000001")).result();

    assertThat(result.get("status").asText()).isEqualTo("flipped");
    assertThat(result.get("version").asLong()).isEqualTo(3);
    assertThat(result.get("reason").asText()).endsWith("; version 2 was written by someone else between this "
        + "flip's read and its write, and overwritten: check the parameter's history");
    assertThat(ssm.getParameterHistory(r -> r.name(MARKER)).parameters()).extracting(ParameterHistory::value)
        .containsExactly("green", "purple", "blue");
    assertThat(pipeline.requests(SUCCESS)).singleElement().satisfies(r -> assertThat(
        r.get("executionDetails").get("summary").asText()).contains("written by someone else"));
  }

  @Test
  void aReadDeniedFailsTheJobBeforeAnyWrite(FaultProxy proxy) {
    proxy.fail("GetParameterHistory", AwsFault.accessDenied(), 1);

    JsonNode result = invoke(handler, jobOfTheExecution("00000001-abcd-4000-8000-000000000001")).result();

    assertThat(result.get("failure_type").asText()).isEqualTo("PermissionError");
    assertThat(proxy.attempts("PutParameter")).isZero();
    assertThat(result.get("changes")).extracting(c -> c.get("action").asText())
        .containsExactly("codepipeline:PutJobFailureResult");
  }

  @Test
  void aSuccessReportLostAfterTheFlipIsRetriedByLambdaWithoutASecondWrite(FaultProxy proxy) {
    String event = SampleEvents.read("blue-green-flip", "codepipeline-job.json");
    pipeline.answerError(SUCCESS, 503, "ServiceUnavailableException", "slow down");

    Run lost = invoke(handler, event);
    pipeline.acceptingResults();
    JsonNode retried = invoke(handler, event).result();

    assertThat(lost.error()).isNotNull();
    assertThat(retried.get("status").asText()).isEqualTo("already-flipped");
    assertThat(retried.get("pipeline_report").asText()).isEqualTo("succeeded");
    assertThat(value()).isEqualTo("blue");
    assertThat(proxy.reached("PutParameter")).as("one write across both invocations").isEqualTo(1);
    assertThat(pipeline.requests(SUCCESS)).hasSizeGreaterThanOrEqualTo(2)
        .allSatisfy(r -> assertThat(r.get("outputVariables").get("LiveColour").asText()).isEqualTo("blue"));
    assertThat(pipeline.requests(FAILURE)).isEmpty();
  }

  @Test
  void aDeploymentWhoseWriteIsDeniedIsThrownForLambdaToRetryAndTheRetryFlipsOnce(FaultProxy proxy) {
    proxy.fail("PutParameter", AwsFault.accessDenied(), 1);
    String deployment = SampleEvents.read("blue-green-flip", "codedeploy/match/deployment-succeeded.json");

    Run denied = invoke(handler, deployment);
    JsonNode retried = invoke(handler, deployment).result();
    JsonNode redelivered = invoke(handler, deployment).result();

    assertThat(denied.error()).isNotNull();
    assertThat(denied.stdout()).contains("\"action\":\"ssm:PutParameter\"", "\"outcome\":\"failed\"");
    assertThat(retried.get("status").asText()).isEqualTo("flipped");
    assertThat(redelivered.get("status").asText()).isEqualTo("already-flipped");
    assertThat(value()).isEqualTo("blue");
    assertThat(proxy.reached("PutParameter")).isEqualTo(1);
    assertThat(pipeline.allBodies()).as("no pipeline to tell").isEmpty();
  }
}
