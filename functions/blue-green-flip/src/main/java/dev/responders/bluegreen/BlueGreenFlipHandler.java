package dev.responders.bluegreen;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.aws.AwsClients;
import dev.responders.shared.error.InvalidEventException;
import dev.responders.shared.event.EventBridgeEvent;
import dev.responders.shared.json.Json;
import dev.responders.shared.lambda.TimeBudget;
import dev.responders.shared.notify.Notifier;
import dev.responders.shared.snapstart.Priming;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Entry point for a CodePipeline Lambda invoke job, or an EventBridge CodeDeploy deployment state change: set
 * the blue/green live colour in SSM, once per job or deployment, and report the job's result.
 *
 * <p>The event is never logged: a job carries the pipeline role's live credentials in
 * {@code data.artifactCredentials}.
 */
public final class BlueGreenFlipHandler implements RequestStreamHandler {

  static final String NAME = "blue-green-flip";

  /** A job asking for nothing unusual; parsing it touches no AWS resource. It carries no credentials. */
  private static final String PRIMING_JOB = """
      {"CodePipeline.job":{"id":"00000000-0000-0000-0000-000000000000","accountId":"000000000000",
       "data":{"actionConfiguration":{"configuration":{"FunctionName":"priming",
       "UserParameters":"{\\"target\\":\\"blue\\"}"}},"inputArtifacts":[],"outputArtifacts":[]}}}
      """;

  private final BlueGreenConfig config;
  private final PipelineFlipAction pipeline;
  private final DeploymentFlip deployment;
  private final MarkerStore store;
  /** Held only so CRaC, which keeps registered resources weakly, still finds it at checkpoint time. */
  private final Priming priming;

  /** Used by Lambda: configuration and clients are built once per container, at init, then primed for SnapStart. */
  public BlueGreenFlipHandler() {
    this(BlueGreenConfig.fromEnvironment(System.getenv()), AwsClients.build(SsmClient.builder()),
        AwsClients.build(CodePipelineClient.builder()), Notifier.fromEnvironment(System.getenv()), true);
  }

  public BlueGreenFlipHandler(BlueGreenConfig config, SsmClient ssm, CodePipelineClient codePipeline,
      Notifier notifier) {
    this(config, ssm, codePipeline, notifier, false);
  }

  private BlueGreenFlipHandler(BlueGreenConfig config, SsmClient ssm, CodePipelineClient codePipeline,
      Notifier notifier, boolean prime) {
    this.config = config;
    this.store = new MarkerStore(ssm);
    LiveColourSetter setter = new LiveColourSetter(store);
    FlipNotice notice = new FlipNotice(notifier);
    this.pipeline = new PipelineFlipAction(config, setter, new JobReporter(codePipeline),
        new PipelineExecutionLookup(codePipeline), notice);
    this.deployment = new DeploymentFlip(config, setter, notice);
    this.priming = prime ? Priming.register(this::warmUp) : null;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) {
    Json.write(output, handle(Json.readEvent(input), TimeBudget.of(context)));
  }

  FlipResult handle(JsonNode event, TimeBudget budget) {
    if (PipelineJob.isJob(event) || !event.has("detail-type")) {
      Optional<String> jobId = PipelineJob.readableJobId(event);
      if (jobId.isEmpty()) {
        throw unreadableJob(event);
      }
      AuditLog audit = AuditLog.toStandardOutput(NAME, jobId.get());
      return audit.counted(() -> pipeline.run(event, jobId.get(), audit, budget), FlipResult::status);
    }
    EventBridgeEvent envelope = EventBridgeEvent.parse(event);
    AuditLog audit = AuditLog.toStandardOutput(NAME, envelope.id());
    return audit.counted(() -> deployment.run(envelope, audit, budget), FlipResult::status);
  }

  /** Why a job cannot even be failed: the most precise field error the parser gives. */
  private InvalidEventException unreadableJob(JsonNode event) {
    try {
      PipelineJob.parse(event, config.parameterName());
    } catch (InvalidEventException e) {
      return e;
    }
    return new InvalidEventException(PipelineJob.FIELD + ".id", "must be a CodePipeline job id (a UUID)");
  }

  /** What SnapStart snapshots warm: the job parser and the marker read. Writes nothing, reports nothing. */
  void warmUp() {
    PipelineJob.parse(Json.readEvent(new ByteArrayInputStream(PRIMING_JOB.getBytes(StandardCharsets.UTF_8))),
        config.parameterName());
    AuditLog silent = new AuditLog(NAME, "priming", line -> { }, Clock.systemUTC());
    Json.write(OutputStream.nullOutputStream(), store.read(config.parameterName(), silent).orElse(null));
  }
}
