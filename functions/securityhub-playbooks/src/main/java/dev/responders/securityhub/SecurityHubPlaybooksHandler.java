package dev.responders.securityhub;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.responders.securityhub.playbook.Playbooks;
import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.aws.AwsClients;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;

/**
 * Entry point for Security Hub findings events (custom action {@code Remediate}, or imported findings in
 * automatic mode): parse every finding, remediate, update the findings, notify. A malformed event raises
 * {@link dev.responders.shared.error.InvalidEventException} before any AWS call.
 */
public final class SecurityHubPlaybooksHandler implements RequestStreamHandler {

  static final String NAME = "securityhub-playbooks";

  /** A custom action on a PASSED finding: parsed and answered end to end, with no AWS call at all. */
  private static final String PRIMING_EVENT = """
      {"version":"0","id":"priming","detail-type":"Security Hub Findings - Custom Action","source":"aws.securityhub",
       "account":"000000000000","time":"2026-01-01T00:00:00Z","region":"us-east-1",
       "resources":["arn:aws:securityhub:us-east-1:000000000000:action/custom/Remediate"],
       "detail":{"actionName":"Remediate","findings":[{"Id":"priming","ProductArn":"priming",
         "AwsAccountId":"000000000000","GeneratorId":"security-control/KMS.4","RecordState":"ACTIVE",
         "Compliance":{"Status":"PASSED","SecurityControlId":"KMS.4"},"Workflow":{"Status":"NEW"},
         "Resources":[{"Type":"AwsAccount","Id":"AWS::::Account:000000000000","Region":"us-east-1"}]}]}}
      """;

  private final PlaybooksConfig config;
  private final FindingsResponder responder;
  /** Held only so CRaC, which keeps registered resources weakly, still finds it at checkpoint time. */
  private final Priming priming;

  /** Used by Lambda: configuration and clients are built once per container, at init, then primed for SnapStart. */
  public SecurityHubPlaybooksHandler() {
    this(PlaybooksConfig.fromEnvironment(System.getenv()), Clients.build(), Clock.systemUTC(), true);
  }

  public SecurityHubPlaybooksHandler(PlaybooksConfig config, Clients clients, Clock clock) {
    this(config, clients, clock, false);
  }

  private SecurityHubPlaybooksHandler(PlaybooksConfig config, Clients clients, Clock clock, boolean prime) {
    this.config = config;
    PlaybookCatalog catalog = new PlaybookCatalog(Playbooks.all(config, clients.iam(), clients.kms(),
        clients.cloudTrail(), clients.s3(), clients.logs(), clock));
    this.responder = new FindingsResponder(config, new FindingRemediator(config, catalog),
        new FindingUpdater(clients.securityHub(), config.functionName()), clients.notifier());
    this.priming = prime ? Priming.register(this::warmUp) : null;
  }

  /** The AWS clients the function talks through, built once per container. */
  public record Clients(SecurityHubClient securityHub, IamClient iam, KmsClient kms, CloudTrailClient cloudTrail,
      S3Client s3, CloudWatchLogsClient logs, Notifier notifier) {

    static Clients build() {
      return new Clients(AwsClients.build(SecurityHubClient.builder()), AwsClients.build(IamClient.builder()),
          AwsClients.build(KmsClient.builder()), AwsClients.build(CloudTrailClient.builder()),
          AwsClients.build(S3Client.builder()), AwsClients.build(CloudWatchLogsClient.builder()),
          Notifier.fromEnvironment(System.getenv()));
    }
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) {
    EventBridgeEvent envelope = EventBridgeEvent.parse(Json.readEvent(input));
    AuditLog audit = AuditLog.toStandardOutput(NAME, envelope.id());
    Optional<String> foreign = FindingsEvent.notOurs(envelope, config.actionId());
    if (foreign.isPresent()) {
      audit.decision("skip", String.join(",", envelope.resources()), foreign.get());
      audit.outcome(RemediationResult.Status.SKIPPED);
      Json.write(output, RemediationResult.skipped(null, foreign.get(), List.of()));
      return;
    }
    FindingsEvent event = FindingsEvent.from(envelope);
    RemediationResult result = audit.counted(() -> responder.respond(event, audit, TimeBudget.of(context)),
        RemediationResult::status);
    audit.metrics(findingsPerOutcome(result));
    Json.write(output, result);
  }

  /** FindingsRemediated, FindingsAlreadyCompliant, FindingsFailed, ...: how many findings ended each way. */
  static Map<String, Integer> findingsPerOutcome(RemediationResult result) {
    Map<String, Integer> counts = new TreeMap<>();
    result.findings().forEach(finding -> counts.merge("Findings" + AuditLog.metricName(finding.status()), 1,
        Integer::sum));
    return counts;
  }

  /** What SnapStart snapshots warm: the event path end to end, on a finding out of scope, so nothing is called. */
  void warmUp() {
    FindingsEvent event = FindingsEvent.from(EventBridgeEvent.parse(Json.readEvent(
        new ByteArrayInputStream(PRIMING_EVENT.getBytes(StandardCharsets.UTF_8)))));
    AuditLog silent = new AuditLog(NAME, event.eventId(), line -> { }, Clock.systemUTC());
    Json.write(OutputStream.nullOutputStream(), responder.respond(event, silent, TimeBudget.unlimited()));
  }
}
