package dev.responders.bluegreen;

import static dev.responders.bluegreen.Invocations.CREDENTIAL_CANARIES;
import static dev.responders.bluegreen.Invocations.invoke;
import static dev.responders.bluegreen.Invocations.job;
import static dev.responders.bluegreen.PipelinePeer.DETAILS;
import static dev.responders.bluegreen.PipelinePeer.FAILURE;
import static dev.responders.bluegreen.PipelinePeer.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.responders.bluegreen.Invocations.Run;
import dev.responders.shared.aws.AccountScope;
import dev.responders.shared.aws.AwsClients;
import dev.responders.shared.error.InvalidEventException;
import dev.responders.shared.json.Json;
import dev.responders.shared.notify.Notifier;
import dev.responders.shared.lambda.TimeBudget;
import dev.responders.tools.account.SampleEvents;
import dev.responders.tools.emulator.MotoExtension;
import dev.responders.tools.emulator.WireMockPeer;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterHistory;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The handler against SSM's wire protocol (moto) and CodePipeline's job-result calls (WireMock, verified request by
 * request): the marker before, the job, the marker and what the pipeline was told after.
 */
@ExtendWith({MotoExtension.class, WireMockPeer.class})
@WireMockPeer.ForService(CodePipelineClient.class)
class BlueGreenFlipIT {

  static final String MARKER = "/bluegreen/live";
  static final String SAMPLE_JOB = "11111111-abcd-1111-abcd-111111111111";
  static final String SAMPLE_EXECUTION = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
  static final AccountScope SCOPE = new AccountScope("123456789012", "us-east-1");
  static final BlueGreenConfig CONFIG = new BlueGreenConfig(MARKER, "bluegreen-app", "bluegreen-fleet", SCOPE);

  private SsmClient ssm;
  private PipelinePeer pipeline;
  private BlueGreenFlipHandler handler;

  @BeforeEach
  void setUp(WireMockServer wireMock) {
    ssm = AwsClients.build(SsmClient.builder());
    pipeline = new PipelinePeer(wireMock).acceptingResults();
    handler = new BlueGreenFlipHandler(CONFIG, ssm, AwsClients.build(CodePipelineClient.builder()),
        Notifier.disabled());
  }

  /** The marker as template.yaml creates it. */
  private void marker(String name, String value) {
    ssm.putParameter(r -> r.name(name).type(ParameterType.STRING).value(value)
        .description("Blue/green live colour (null before the first deployment), set by BlueGreenFlipFunction."));
  }

  private List<ParameterHistory> history(String name) {
    return ssm.getParameterHistory(r -> r.name(name)).parameters();
  }

  private String value(String name) {
    return ssm.getParameter(r -> r.name(name)).parameter().value();
  }

  private static JsonNode json(String text) {
    return Json.read(text, JsonNode.class);
  }

  private static String execution(int n) {
    return String.format("%08d-0000-4000-8000-%012d", n, n);
  }

  private static String jobId(int n) {
    return String.format("%08d-abcd-4000-8000-%012d", n, n);
  }

  @Test
  void theFirstDeploymentMakesGreenLiveAndTellsThePipelineExactly() {
    marker(MARKER, "null");

    JsonNode result = invoke(handler, SampleEvents.read("blue-green-flip", "codepipeline-job.json")).result();

    assertThat(value(MARKER)).isEqualTo("green");
    assertThat(history(MARKER)).hasSize(2).last().satisfies(v -> assertThat(v.description())
        .isEqualTo("Blue/green live colour green, set by job=" + SAMPLE_JOB + " execution=" + SAMPLE_EXECUTION));
    assertThat(result.get("status").asText()).isEqualTo("flipped");
    assertThat(result.get("previous").asText()).isEqualTo("null");
    assertThat(result.get("live").asText()).isEqualTo("green");
    assertThat(result.get("pipeline_report").asText()).isEqualTo("succeeded");
    assertThat(pipeline.requests(SUCCESS)).containsExactly(json("""
        {"jobId": "11111111-abcd-1111-abcd-111111111111",
         "outputVariables": {"LiveColour": "green", "PreviousColour": "null", "ParameterName": "/bluegreen/live",
                             "ParameterVersion": "2", "FlipStatus": "flipped"},
         "executionDetails": {"summary": "/bluegreen/live: green is live (version 2): flipped, null -> green (first deployment: null becomes green)",
                              "externalExecutionId": "/bluegreen/live:2", "percentComplete": 100}}
        """));
    assertThat(pipeline.requests(FAILURE)).isEmpty();
  }

  @Test
  void eachNewDeploymentMakesTheOtherColourLiveBothWays() {
    marker(MARKER, "green");

    JsonNode toBlue = invoke(handler, job(jobId(1), "{\"pipelineExecutionId\":\"" + execution(1) + "\"}")).result();
    String afterFirst = value(MARKER);
    JsonNode toGreen = invoke(handler, job(jobId(2), "{\"pipelineExecutionId\":\"" + execution(2) + "\"}")).result();

    assertThat(afterFirst).isEqualTo("blue");
    assertThat(value(MARKER)).isEqualTo("green");
    assertThat(toBlue.get("previous").asText() + "->" + toBlue.get("live").asText()).isEqualTo("green->blue");
    assertThat(toGreen.get("previous").asText() + "->" + toGreen.get("live").asText()).isEqualTo("blue->green");
    assertThat(pipeline.requests(SUCCESS)).extracting(r -> r.get("jobId").asText() + ":"
        + r.get("outputVariables").get("LiveColour").asText() + ":" + r.get("outputVariables").get("PreviousColour")
        .asText()).containsExactly(jobId(1) + ":blue:green", jobId(2) + ":green:blue");
    assertThat(history(MARKER)).extracting(ParameterHistory::value).containsExactly("green", "blue", "green");
  }

  @Test
  void anExplicitTargetIsSetNotToggledAndATargetAlreadyLiveWritesNothing() {
    marker(MARKER, "green");

    JsonNode green = invoke(handler, job(jobId(1), "{\"target\":\"green\"}")).result();
    JsonNode blue = invoke(handler, job(jobId(2), "{\"target\":\"blue\"}")).result();

    assertThat(green.get("status").asText()).isEqualTo("already-live");
    assertThat(blue.get("status").asText()).isEqualTo("flipped");
    assertThat(history(MARKER)).extracting(ParameterHistory::value).containsExactly("green", "blue");
    assertThat(pipeline.requests(SUCCESS)).extracting(r -> r.get("outputVariables").get("LiveColour").asText()
        + "/" + r.get("outputVariables").get("FlipStatus").asText())
        .containsExactly("green/already-live", "blue/flipped");
  }

  @Test
  void aParameterNamedInUserParametersIsTheOneFlipped() {
    marker(MARKER, "green");
    marker("/bluegreen/myapp/live", "null");

    JsonNode result = invoke(handler, job(jobId(1), "{\"parameter\":\"/bluegreen/myapp/live\",\"target\":\"blue\"}"))
        .result();

    assertThat(result.get("parameter").asText()).isEqualTo("/bluegreen/myapp/live");
    assertThat(value("/bluegreen/myapp/live")).isEqualTo("blue");
    assertThat(value(MARKER)).as("the default marker is untouched").isEqualTo("green");
    assertThat(pipeline.requests(SUCCESS).get(0).get("outputVariables").get("ParameterName").asText())
        .isEqualTo("/bluegreen/myapp/live");
  }

  @Test
  void aRetryOfTheSameJobFlipsOnceAndReportsSuccessAgain() {
    marker(MARKER, "blue");
    String event = SampleEvents.read("blue-green-flip", "codepipeline-job.json");

    JsonNode first = invoke(handler, event).result();
    JsonNode retry = invoke(handler, event).result();

    assertThat(first.get("status").asText()).isEqualTo("flipped");
    assertThat(retry.get("status").asText()).isEqualTo("already-flipped");
    assertThat(retry.get("changes")).as("the retry writes nothing to SSM").extracting(c -> c.get("action").asText())
        .containsExactly("codepipeline:PutJobSuccessResult");
    assertThat(history(MARKER)).extracting(ParameterHistory::value).containsExactly("blue", "green");
    List<JsonNode> reports = pipeline.requests(SUCCESS);
    assertThat(reports).hasSize(2).allSatisfy(r -> {
      assertThat(r.get("jobId").asText()).isEqualTo(SAMPLE_JOB);
      assertThat(r.get("outputVariables").get("LiveColour").asText()).isEqualTo("green");
      assertThat(r.get("outputVariables").get("PreviousColour").asText()).isEqualTo("blue");
      assertThat(r.get("outputVariables").get("ParameterVersion").asText()).isEqualTo("2");
    });
    assertThat(reports.get(1).get("outputVariables").get("FlipStatus").asText()).isEqualTo("already-flipped");
  }

  @Test
  void aStageRetryIsANewJobOfTheSameExecutionAndDoesNotFlipAgain() {
    marker(MARKER, "blue");
    invoke(handler, job(jobId(1), "{\"pipelineExecutionId\":\"" + execution(7) + "\"}")).result();

    JsonNode retried = invoke(handler, job(jobId(2), "{\"pipelineExecutionId\":\"" + execution(7) + "\"}")).result();

    assertThat(retried.get("status").asText()).isEqualTo("already-flipped");
    assertThat(value(MARKER)).isEqualTo("green");
    assertThat(history(MARKER)).hasSize(2);
    assertThat(pipeline.requests(SUCCESS)).extracting(r -> r.get("jobId").asText()).containsExactly(jobId(1), jobId(2));
  }

  @Test
  void aRetryAfterSomeoneOverwroteTheMarkerByHandStillWritesNothing() {
    marker(MARKER, "green");
    String event = SampleEvents.read("blue-green-flip", "codepipeline-job.json");
    invoke(handler, event).result();
    ssm.putParameter(r -> r.name(MARKER).value("green").overwrite(true));

    JsonNode retry = invoke(handler, event).result();

    assertThat(retry.get("status").asText()).isEqualTo("already-flipped");
    assertThat(retry.get("version").asLong()).as("the version the job wrote, not the hand-made copy").isEqualTo(2);
    assertThat(retry.get("reason").asText()).endsWith("; the parameter has changed since and now holds 'green'");
    assertThat(history(MARKER)).extracting(ParameterHistory::value).containsExactly("green", "blue", "green");
  }

  @Test
  void aJobOfAnotherAccountIsFailedAndNoMarkerIsTouched() {
    marker(MARKER, "green");
    ObjectNode event = Invocations.sampleJob();
    ((ObjectNode) event.get("CodePipeline.job")).put("accountId", "210987654321");

    JsonNode result = invoke(handler, event.toString()).result();

    assertThat(result.get("failure_type").asText()).isEqualTo("ConfigurationError");
    assertThat(result.get("reason").asText()).isEqualTo("job event is from account 210987654321, this function acts "
        + "in account 123456789012: this function sets the marker of its own account only");
    assertThat(history(MARKER)).hasSize(1);
  }

  @Test
  void tooLittleTimeLeftBeforeTheWriteStopsAndStillReports() {
    marker(MARKER, "green");
    AtomicInteger asked = new AtomicInteger();
    TimeBudget runningOut = TimeBudget.remaining(() -> asked.getAndIncrement() == 0 ? 100_000 : 12_000);

    FlipResult result = handler.handle(Json.read(SampleEvents.read("blue-green-flip", "codepipeline-job.json"),
        JsonNode.class), runningOut);

    assertThat(result.status()).isEqualTo(FlipStatus.FAILED);
    assertThat(result.reason()).startsWith("stopped before writing /bluegreen/live: only 12000 ms of the invocation");
    assertThat(history(MARKER)).hasSize(1);
    assertThat(pipeline.requests(FAILURE)).singleElement().satisfies(r ->
        assertThat(r.get("failureDetails").get("type").asText()).isEqualTo("JobFailed"));
  }

  @Test
  void withoutUserParametersTheExecutionComesFromTheJobsDetailsSoAStageRetryDoesNotFlipBack() {
    marker(MARKER, "green");
    pipeline.jobsBelongTo(execution(9));

    JsonNode first = invoke(handler, job(jobId(1), null)).result();
    JsonNode stageRetry = invoke(handler, job(jobId(2), null)).result();

    assertThat(first.get("status").asText()).isEqualTo("flipped");
    assertThat(stageRetry.get("status").asText()).isEqualTo("already-flipped");
    assertThat(history(MARKER)).extracting(ParameterHistory::value).containsExactly("green", "blue");
    assertThat(history(MARKER).get(1).description())
        .isEqualTo("Blue/green live colour blue, set by job=" + jobId(1) + " execution=" + execution(9));
    assertThat(pipeline.requests(DETAILS)).containsExactly(json("{\"jobId\": \"" + jobId(1) + "\"}"),
        json("{\"jobId\": \"" + jobId(2) + "\"}"));
  }

  @Test
  void anExecutionPassedInUserParametersNeedsNoLookup() {
    marker(MARKER, "green");

    invoke(handler, SampleEvents.read("blue-green-flip", "codepipeline-job.json")).result();

    assertThat(pipeline.requests(DETAILS)).isEmpty();
  }

  @Test
  void eachJobOfThePeerIsItsOwnExecution() {
    marker(MARKER, "green");

    invoke(handler, job(jobId(5), null)).result();

    assertThat(history(MARKER).get(1).description()).as("the peer's templated execution id")
        .isEqualTo("Blue/green live colour blue, set by job=" + jobId(5) + " execution=" + jobId(5));
  }

  @Test
  void aJobWhoseDetailsAreDeniedIsFailedAsAPermissionErrorAndNothingIsWritten() {
    marker(MARKER, "green");
    pipeline.answerError(DETAILS, 400, "AccessDeniedException", "not authorized to perform codepipeline:GetJobDetails");

    JsonNode result = invoke(handler, job(jobId(6), null)).result();

    assertThat(result.get("failure_type").asText()).isEqualTo("PermissionError");
    assertThat(result.get("reason").asText()).startsWith("CodePipeline call failed, /bluegreen/live was not changed");
    assertThat(history(MARKER)).hasSize(1);
  }

  @Test
  void aRecordClaimingTheExecutionSetAnotherColourThanItAsksForIsRefused() {
    ssm.putParameter(r -> r.name(MARKER).type(ParameterType.STRING).value("green")
        .description("Blue/green live colour green, set by job=" + jobId(8) + " execution=" + execution(3)));

    JsonNode result = invoke(handler, job(jobId(7), "{\"target\": \"blue\", \"pipelineExecutionId\": \""
        + execution(3) + "\"}")).result();

    assertThat(result.get("failure_type").asText()).isEqualTo("JobFailed");
    assertThat(result.get("reason").asText()).isEqualTo("version 1 of /bluegreen/live says this job or execution set "
        + "green, but it asks for blue; the record was not written by this flip: check who wrote it");
    assertThat(history(MARKER)).hasSize(1);
  }

  @Test
  void aStoredValueThatIsNoColourFailsTheJobAndIsLeftAsItIs() {
    marker(MARKER, "Green ");

    JsonNode result = invoke(handler, SampleEvents.read("blue-green-flip", "codepipeline-job.json")).result();

    assertThat(value(MARKER)).isEqualTo("Green ");
    assertThat(history(MARKER)).hasSize(1);
    assertThat(result.get("status").asText()).isEqualTo("failed");
    assertThat(result.get("failure_type").asText()).isEqualTo("JobFailed");
    assertThat(pipeline.requests(SUCCESS)).isEmpty();
    assertThat(pipeline.requests(FAILURE)).containsExactly(json("""
        {"jobId": "11111111-abcd-1111-abcd-111111111111",
         "failureDetails": {"type": "JobFailed",
           "message": "SSM parameter /bluegreen/live holds 'Green ', which is neither null, blue nor green; it was left as it is: set it by hand to the colour that is live, then retry"}}
        """));
  }

  @Test
  void aMissingParameterFailsTheJobAsAConfigurationError() {
    JsonNode result = invoke(handler, job(jobId(3), "{\"parameter\":\"/bluegreen/nobody/live\"}")).result();

    assertThat(result.get("failure_type").asText()).isEqualTo("ConfigurationError");
    assertThat(pipeline.requests(FAILURE)).singleElement().satisfies(r -> {
      assertThat(r.get("jobId").asText()).isEqualTo(jobId(3));
      assertThat(r.get("failureDetails").get("type").asText()).isEqualTo("ConfigurationError");
      assertThat(r.get("failureDetails").get("message").asText()).startsWith(
          "SSM parameter /bluegreen/nobody/live does not exist: create it with the value null");
    });
    assertThat(ssm.describeParameters().parameters()).isEmpty();
  }

  static Stream<Arguments> malformedJobs() {
    return Stream.of(
        Arguments.of("UserParameters that are not JSON", "target=blue",
            "Invalid event: CodePipeline.job.data.actionConfiguration.configuration.UserParameters must be a JSON object such as {\"target\": \"blue\"}"),
        Arguments.of("a target that is no colour", "{\"target\":\"purple\"}",
            "Invalid event: CodePipeline.job.data.actionConfiguration.configuration.UserParameters.target must be blue or green, got 'purple'"),
        Arguments.of("an unresolved pipeline variable", "{\"target\":\"#{BuildVariables.TARGET}\"}",
            "Invalid event: CodePipeline.job.data.actionConfiguration.configuration.UserParameters.target must be blue or green, got '#{BuildVariables.TARGET}'"),
        Arguments.of("a misspelt key", "{\"taget\":\"blue\"}",
            "Invalid event: CodePipeline.job.data.actionConfiguration.configuration.UserParameters.taget is not a setting of this action (known: parameter, target, pipelineExecutionId)"),
        Arguments.of("a parameter that is no path", "{\"parameter\":\"live\"}",
            "Invalid event: CodePipeline.job.data.actionConfiguration.configuration.UserParameters.parameter must be an SSM parameter path such as /bluegreen/live, got 'live'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedJobs")
  void aMalformedJobWithAReadableIdIsFailedAsAConfigurationErrorAndChangesNothing(String why, String userParameters,
      String message) {
    marker(MARKER, "green");

    JsonNode result = invoke(handler, job(jobId(4), userParameters)).result();

    assertThat(result.get("status").asText()).isEqualTo("failed");
    assertThat(value(MARKER)).isEqualTo("green");
    assertThat(history(MARKER)).hasSize(1);
    assertThat(pipeline.requests(FAILURE)).containsExactly(Json.MAPPER.createObjectNode().put("jobId", jobId(4))
        .set("failureDetails", Json.MAPPER.createObjectNode().put("type", "ConfigurationError").put("message", message)));
  }

  @Test
  void aJobWithoutItsDataIsFailedNamingTheField() {
    ObjectNode event = Invocations.sampleJob();
    ((ObjectNode) event.get("CodePipeline.job")).remove("data");

    JsonNode result = invoke(handler, event.toString()).result();

    assertThat(result.get("reason").asText()).isEqualTo("Invalid event: CodePipeline.job.data is missing");
    assertThat(pipeline.requests(FAILURE)).singleElement().satisfies(r ->
        assertThat(r.get("failureDetails").get("type").asText()).isEqualTo("ConfigurationError"));
  }

  static Stream<Arguments> unreadableJobs() {
    return Stream.of(
        Arguments.of("{\"CodePipeline.job\": {\"accountId\": \"123456789012\"}}", "CodePipeline.job.id"),
        Arguments.of("{\"CodePipeline.job\": {\"id\": 42}}", "CodePipeline.job.id"),
        Arguments.of("{\"CodePipeline.job\": {\"id\": \"not-a-job-id\", \"accountId\": \"1\", \"data\": {}}}",
            "CodePipeline.job.id"),
        Arguments.of("{\"CodePipeline.job\": \"11111111-abcd-1111-abcd-111111111111\"}", "CodePipeline.job"),
        Arguments.of("{}", "CodePipeline.job"),
        Arguments.of("{\"CodePipeline.job\": {\"id\": \"11111111-abcd", "$"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unreadableJobs")
  void aJobWhoseIdCannotBeReadRaisesATypedErrorAndCallsNothing(String event, String field) {
    marker(MARKER, "green");

    Run run = invoke(handler, event);

    assertThat(run.error()).isInstanceOf(InvalidEventException.class);
    assertThat(((InvalidEventException) run.error()).field()).isEqualTo(field);
    assertThat(pipeline.allBodies()).isEmpty();
    assertThat(history(MARKER)).hasSize(1);
  }

  @Test
  void theArtifactCredentialsNeverReachTheLogTheResultOrThePipeline() {
    marker(MARKER, "null");
    String sample = SampleEvents.read("blue-green-flip", "codepipeline-job.json");
    ObjectNode invalid = Invocations.sampleJob();
    ((ObjectNode) invalid.get("CodePipeline.job").get("data").get("actionConfiguration").get("configuration"))
        .put("UserParameters", "{\"target\": 7}");
    String truncated = sample.substring(0, sample.indexOf("SecretCanary") + 20);
    String unquoted = sample.replace("\"ASIAEXAMPLECANARY0001\"", "ASIAEXAMPLECANARY0001");

    List<Run> runs = List.of(invoke(handler, sample), invoke(handler, sample), invoke(handler, invalid.toString()),
        invoke(handler, truncated), invoke(handler, unquoted), invoke(handler, job(jobId(11), null)));

    assertThat(runs.get(0).result().get("status").asText()).isEqualTo("flipped");
    assertThat(runs.get(0).stdout()).as("the audit was captured").contains("\"action\":\"ssm:PutParameter\"");
    assertThat(runs.get(3).error()).isInstanceOf(InvalidEventException.class);
    assertThat(runs.get(4).error()).isInstanceOf(InvalidEventException.class);
    assertThat(runs.get(5).result().get("status").asText()).as("GetJobDetails, whose answer has credentials too")
        .isEqualTo("flipped");
    assertThat(pipeline.requests(DETAILS)).hasSize(1);
    for (Run run : runs) {
      assertThat(run.everything()).doesNotContain(CREDENTIAL_CANARIES);
    }
    assertThat(pipeline.allBodies()).doesNotContain(CREDENTIAL_CANARIES);
    assertThat(Json.write(history(MARKER).stream().map(ParameterHistory::description).toList()))
        .doesNotContain(CREDENTIAL_CANARIES);
  }

  @Test
  void aContinuedJobIsFinishedWithoutHandingTheTokenBack() {
    marker(MARKER, "green");

    JsonNode result = invoke(handler, SampleEvents.read("blue-green-flip", "codepipeline-job-target-blue.json"))
        .result();

    assertThat(result.get("continued").asBoolean()).isTrue();
    assertThat(result.get("status").asText()).isEqualTo("flipped");
    assertThat(pipeline.requests(SUCCESS)).singleElement().satisfies(r -> {
      assertThat(r.has("continuationToken")).as("a token handed back makes CodePipeline invoke again").isFalse();
      assertThat(r.get("outputVariables").get("LiveColour").asText()).isEqualTo("blue");
    });
  }

  @Test
  void anUnexpectedExceptionStillFailsTheJobBeforeTheFunctionEnds() {
    marker(MARKER, "green");
    SsmClient broken = failingOn("getParameterHistory", new IllegalStateException("connection pool shut down"));
    BlueGreenFlipHandler withBrokenSsm = new BlueGreenFlipHandler(CONFIG, broken,
        AwsClients.build(CodePipelineClient.builder()), Notifier.disabled());

    JsonNode result = invoke(withBrokenSsm, SampleEvents.read("blue-green-flip", "codepipeline-job.json")).result();

    assertThat(result.get("status").asText()).isEqualTo("failed");
    assertThat(pipeline.requests(FAILURE)).containsExactly(json("""
        {"jobId": "11111111-abcd-1111-abcd-111111111111",
         "failureDetails": {"type": "JobFailed",
           "message": "Unexpected IllegalStateException in the flip function: connection pool shut down"}}
        """));
    assertThat(value(MARKER)).isEqualTo("green");
  }

  @Test
  void aFailureReportThatDoesNotReachThePipelineIsThrownSoLambdaRetriesIt() {
    marker(MARKER, "purple");
    String event = SampleEvents.read("blue-green-flip", "codepipeline-job.json");
    pipeline.answerError(FAILURE, 500, "InternalError", "try again");

    Run lost = invoke(handler, event);
    pipeline.acceptingResults();
    JsonNode retried = invoke(handler, event).result();

    assertThat(lost.error()).isNotNull();
    assertThat(retried.get("pipeline_report").asText()).isEqualTo("failed");
    assertThat(pipeline.requests(FAILURE)).last().satisfies(r ->
        assertThat(r.get("failureDetails").get("type").asText()).isEqualTo("JobFailed"));
    assertThat(value(MARKER)).isEqualTo("purple");
  }

  @Test
  void aLongFailureMessageIsCutToWhatCodePipelineAccepts() {
    marker(MARKER, "green");
    SsmClient broken = failingOn("getParameterHistory", new IllegalStateException("x".repeat(20_000)));

    invoke(new BlueGreenFlipHandler(CONFIG, broken, AwsClients.build(CodePipelineClient.builder()),
        Notifier.disabled()), SampleEvents.read("blue-green-flip", "codepipeline-job.json")).result();

    assertThat(pipeline.requests(FAILURE)).singleElement().satisfies(r ->
        assertThat(r.get("failureDetails").get("message").asText()).hasSize(5000).endsWith("..."));
  }

  @Test
  void aSuccessReportThatFailsAfterTheFlipIsThrownAndTheRetryReportsWithoutFlippingTwice() {
    marker(MARKER, "blue");
    String event = SampleEvents.read("blue-green-flip", "codepipeline-job.json");
    pipeline.answerError(SUCCESS, 500, "InternalError", "CodePipeline is having a moment");

    Run failed = invoke(handler, event);
    pipeline.acceptingResults();
    JsonNode retried = invoke(handler, event).result();

    assertThat(failed.error()).as("Lambda must retry the invocation").isNotNull();
    assertThat(failed.stdout()).contains("\"action\":\"codepipeline:PutJobSuccessResult\"", "\"outcome\":\"failed\"");
    assertThat(retried.get("status").asText()).isEqualTo("already-flipped");
    assertThat(retried.get("pipeline_report").asText()).isEqualTo("succeeded");
    assertThat(history(MARKER)).extracting(ParameterHistory::value).containsExactly("blue", "green");
    assertThat(pipeline.requests(FAILURE)).as("a flip that happened is never reported as failed").isEmpty();
  }

  @Test
  void aJobCodePipelineNoLongerWaitsForIsNotRetried() {
    marker(MARKER, "blue");
    pipeline.answerError(SUCCESS, 400, "InvalidJobStateException", "Job is not in a state that allows this action");

    JsonNode result = invoke(handler, SampleEvents.read("blue-green-flip", "codepipeline-job.json")).result();

    assertThat(result.get("pipeline_report").asText()).isEqualTo("already-closed");
    assertThat(result.get("status").asText()).isEqualTo("flipped");
    assertThat(pipeline.requests(SUCCESS)).hasSize(1);
  }

  /** An SSM client that throws {@code failure} from {@code method} and calls moto for everything else. */
  private SsmClient failingOn(String method, RuntimeException failure) {
    InvocationHandler handler = (proxy, called, args) -> {
      if (called.getName().equals(method)) {
        throw failure;
      }
      try {
        return called.invoke(ssm, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return (SsmClient) Proxy.newProxyInstance(SsmClient.class.getClassLoader(), new Class<?>[] {SsmClient.class},
        handler);
  }
}
