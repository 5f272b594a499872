package dev.responders.tools.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.responders.tools.account.NotificationInbox;
import dev.responders.tools.account.PipelineJobs;
import dev.responders.tools.account.SampleEvents;
import dev.responders.tools.emulator.CodePipelineDouble;
import dev.responders.tools.emulator.MotoServer;
import dev.responders.tools.emulator.WireMockPeer;
import dev.responders.tools.invoke.LocalInvoker;
import dev.responders.tools.invoke.LocalInvoker.Invocation;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterHistory;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The demo's blue-green-flip chapter: the live-colour marker as the template creates it, then pipeline jobs (first
 * deployment, a Lambda retry, the next execution, an explicit target, a broken marker) and CodeDeploy events,
 * each run as bin/invoke runs it. CodePipeline's job-result calls, which moto lacks, go to a local WireMock peer
 * through AWS_ENDPOINT_URL_CODEPIPELINE; what the pipeline was told is printed after each job.
 */
final class BlueGreenFlipChapter {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FUNCTION = "BlueGreenFlipFunction";
  private static final String MARKER = "/bluegreen/live";
  private static final String EVENTS = "blue-green-flip";
  private static final List<String> CODEDEPLOY_TRIGGER = List.of(
      "--param", "BlueGreenCodeDeployApplication=bluegreen-app",
      "--param", "BlueGreenCodeDeployDeploymentGroup=bluegreen-fleet");

  private final Path root;
  private final PrintStream out;
  private int executions;

  BlueGreenFlipChapter(Path root, PrintStream out) {
    this.root = root;
    this.out = out;
  }

  void run(MotoServer moto) throws Exception {
    WireMockServer pipeline = WireMockPeer.startLocal();
    try (SsmClient ssm = SsmClient.create(); SnsClient sns = SnsClient.create(); SqsClient sqs = SqsClient.create()) {
      // What template.yaml's notification topic is called locally (it names none, so its logical id).
      NotificationInbox inbox = NotificationInbox.create(sns, sqs, "ResponderNotificationsTopic");
      CodePipelineDouble codePipeline = new CodePipelineDouble(pipeline).takesJobResults();
      Map<String, String> environment = new HashMap<>(moto.processEnvironment());
      environment.put("AWS_ENDPOINT_URL_CODEPIPELINE", codePipeline.endpoint());
      ssm.putParameter(r -> r.name(MARKER).type(ParameterType.STRING).value("null"));

      heading("blue-green-flip: a pipeline's Lambda stage sets the live colour in " + MARKER);
      out.println("Seeded: " + MARKER + " = null, as template.yaml creates it (before the first deployment)");
      Runner runner = new Runner(environment, pipeline, inbox);

      runner.invoke("the first deployment's job", sample("codepipeline-job.json"), List.of());
      runner.invoke("the same job again (Lambda retries an invocation)", sample("codepipeline-job.json"), List.of());
      runner.invoke("the next execution's job", PipelineJobs.execution(++executions), List.of());
      runner.invoke("a job asking for target blue, continued (continuationToken)",
          sample("codepipeline-job-target-blue.json"), List.of());
      ssm.putParameter(r -> r.name(MARKER).value("Blue").overwrite(true));
      out.println();
      out.println("Someone writes 'Blue' into " + MARKER + " by hand (the template's parameter has AllowedPattern"
          + " ^(null|blue|green)$, so SSM would refuse it there; a marker made elsewhere may have none):");
      runner.invoke("the next job meets a value that is no colour", PipelineJobs.execution(++executions), List.of());
      ssm.putParameter(r -> r.name(MARKER).value("blue").overwrite(true));
      out.println();
      out.println("Put back to 'blue'. Now the CodeDeploy trigger (deployed with BlueGreenCodeDeployApplication"
          + "=bluegreen-app, BlueGreenCodeDeployDeploymentGroup=bluegreen-fleet):");
      for (String nearMiss : files("codedeploy/no-match")) {
        runner.invoke("a near-miss", sample(nearMiss), CODEDEPLOY_TRIGGER);
      }
      String succeeded = sample("codedeploy/match/deployment-succeeded.json");
      runner.invoke("the group's deployment succeeded", succeeded, CODEDEPLOY_TRIGGER);
      runner.invoke("the same event redelivered", succeeded, CODEDEPLOY_TRIGGER);

      out.println();
      out.println("History of " + MARKER + " (SSM keeps each version with the description that says who set it):");
      for (ParameterHistory version : ssm.getParameterHistory(r -> r.name(MARKER)).parameters()) {
        out.println("  v" + version.version() + " " + version.value()
            + (version.description() == null ? "" : "  (" + version.description() + ")"));
      }
    } finally {
      pipeline.stop();
    }
  }

  /** Runs the function on events and prints the result and what CodePipeline received since the last one. */
  private final class Runner {
    private final Map<String, String> environment;
    private final WireMockServer pipeline;
    private final NotificationInbox inbox;
    private int seen;

    Runner(Map<String, String> environment, WireMockServer pipeline, NotificationInbox inbox) {
      this.environment = environment;
      this.pipeline = pipeline;
      this.inbox = inbox;
    }

    void invoke(String what, String event, List<String> options) throws Exception {
      Path file = Files.createTempFile("event-", ".json");
      Path result = Files.createTempFile("result-", ".json");
      try {
        Files.writeString(file, event);
        List<String> args = new ArrayList<>(List.of(FUNCTION, file.toString()));
        args.addAll(options);
        out.println();
        out.println("> bin/invoke " + FUNCTION + " <" + what + ">" + (options.isEmpty() ? "" : " (trigger on)"));
        int status = LocalInvoker.run(Invocation.parse(args.toArray(String[]::new)).withEnvironment(environment),
            root, ProcessBuilder.Redirect.to(result.toFile()), ProcessBuilder.Redirect.DISCARD);
        if (status != 0) {
          throw new IllegalStateException(FUNCTION + " failed on " + what + " (exit " + status + ")");
        }
        summarise(JSON.readTree(result.toFile()));
        told();
        for (JsonNode notification : inbox.take()) {
          out.println("  notified responders: " + notification.path("Subject").asText());
        }
      } finally {
        Files.deleteIfExists(file);
        Files.deleteIfExists(result);
      }
    }

    private void summarise(JsonNode result) {
      String reason = result.path("reason").asText("");
      out.println("  status: " + result.path("status").asText() + (reason.isEmpty() ? "" : " (" + reason + ")"));
      for (JsonNode change : result.path("changes")) {
        if (change.path("action").asText().startsWith("ssm:")) {
          out.println("  changed " + change.path("action").asText() + " " + change.path("target").asText() + ": "
              + change.path("before").path("value").asText() + " -> " + change.path("after").path("value").asText());
        }
      }
    }

    /** The job results CodePipeline received during the last invocation. */
    private void told() throws IOException {
      List<ServeEvent> events = new ArrayList<>(pipeline.getAllServeEvents());
      events.sort(Comparator.comparing(e -> e.getRequest().getLoggedDate()));
      for (ServeEvent event : events.subList(seen, events.size())) {
        String action = CodePipelineDouble.actionOf(event.getRequest().getHeader("X-Amz-Target"));
        if (!action.startsWith("PutJob")) {
          continue;
        }
        JsonNode body = JSON.readTree(event.getRequest().getBodyAsString());
        String detail = body.has("outputVariables") ? "outputVariables " + body.get("outputVariables")
            : "failureDetails " + body.get("failureDetails");
        out.println("  told the pipeline: " + action + " " + body.path("jobId").asText() + " " + detail);
      }
      seen = events.size();
    }
  }

  private static String sample(String file) {
    return SampleEvents.read(EVENTS, file);
  }

  private static List<String> files(String folder) throws IOException {
    try (Stream<Path> files = Files.list(SampleEvents.folder(EVENTS).resolve(folder))) {
      return files.map(f -> folder + "/" + f.getFileName()).sorted().toList();
    }
  }

  private void heading(String title) {
    out.println();
    out.println("== " + title + " ==");
  }
}
