package dev.responders.tools.bench;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.responders.tools.account.NotificationInbox;
import dev.responders.tools.account.PipelineJobs;
import dev.responders.tools.emulator.CodePipelineDouble;
import dev.responders.tools.emulator.MotoServer;
import dev.responders.tools.emulator.WireMockPeer;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * BlueGreenFlipFunction on a pipeline's Lambda job: each run is the first deployment (the marker {@code null},
 * as the template creates it) by a job of its own execution, so it flips to green, reports the job to CodePipeline
 * (a WireMock peer, as in the demo: moto has no job results) and tells the responders.
 */
final class BlueGreenFlipBench implements FunctionBench {

  static final String MARKER = "/bluegreen/live";

  private final SeedClients clients = new SeedClients();
  private WireMockServer pipeline;
  private SsmClient ssm;
  private String topicArn;
  private int executions;

  @Override
  public String logicalId() {
    return "BlueGreenFlipFunction";
  }

  @Override
  public List<String> events() {
    return List.of("blue-green-flip/codepipeline-job.json");
  }

  @Override
  public String reference() {
    return "blue_green_flip.py";
  }

  @Override
  public String stateBetweenRuns() {
    return "re-seeded: the marker is deleted and created again as null before each run, and each run is a job of"
        + " a new pipeline execution (CodePipeline is a WireMock peer that takes every job result)";
  }

  @Override
  public void seed(MotoServer moto) {
    if (pipeline == null) {
      pipeline = WireMockPeer.startLocal();
      new CodePipelineDouble(pipeline).takesJobResults();
    }
    topicArn = NotificationInbox.create(clients.open(SnsClient.create()), clients.open(SqsClient.create()),
        "ResponderNotificationsTopic").topicArn();
    ssm = clients.open(SsmClient.create());
  }

  @Override
  public Map<String, String> environment() {
    return Map.of("AWS_ENDPOINT_URL_CODEPIPELINE", new CodePipelineDouble(pipeline).endpoint());
  }

  @Override
  public Run prepare(String event) {
    try {
      ssm.deleteParameter(r -> r.name(MARKER));
    } catch (ParameterNotFoundException firstRun) {
      // nothing to delete
    }
    ssm.putParameter(r -> r.name(MARKER).type(ParameterType.STRING).value("null"));
    executions++;
    pipeline.resetRequests();  // WireMock keeps every request it saw: 200 warm runs would pile them up
    return new Run(PipelineJobs.execution(executions), List.of("parameter=" + MARKER,
        "job=" + PipelineJobs.jobId(executions), "execution=" + PipelineJobs.executionId(executions),
        "topic=" + topicArn));
  }

  @Override
  public void close() {
    clients.close();
    if (pipeline != null) {
      pipeline.stop();
    }
  }
}
