package dev.responders.securityhub;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.responders.securityhub.jira.JiraApi;
import dev.responders.securityhub.jira.JiraSecret;
import dev.responders.securityhub.playbook.JiraIssuePlaybook;
import dev.responders.securityhub.playbook.ServiceClients;
import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.aws.AwsClients;
import dev.responders.shared.aws.OrganizationAccess;
import dev.responders.shared.event.EventBridgeEvent;
import dev.responders.shared.http.SaasHttp;
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
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;

/**
 * Entry point for Security Hub findings events (custom actions {@code Remediate}, {@code SendToJira},
 * {@code PatchInstance}, or imported findings in automatic mode): parse every finding, remediate, update the findings, notify. A malformed event raises
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
    JiraIssuePlaybook jira = new JiraIssuePlaybook(clients.jira(),
        new JiraSecret(clients.secrets(), config.jiraSecretName(), clock), config.jiraProjectKey());
    MemberAccounts accounts = new MemberAccounts(config.scope(), PlaybookCatalog.of(config, clients.home(), jira, clock),
        built -> PlaybookCatalog.of(config, built, jira, clock), clients.regional(),
        OrganizationAccess.create(config.deployment(), config.scope(), MemberAccounts.SESSION_NAME,
            config.deployment().memberRoleName()));
    this.responder = new FindingsResponder(config, new FindingRemediator(config, accounts),
        new FindingUpdater(clients.securityHub(), config.functionName()), clients.notifier());
    this.priming = prime ? Priming.register(this::warmUp) : null;
  }

  /**
   * The clients the function talks through, built once per container; {@code regional} builds those of another
   * region or a member account, for one invocation.
   */
  public record Clients(SecurityHubClient securityHub, ServiceClients home, MemberAccounts.ClientFactory regional,
      SecretsManagerClient secrets, JiraApi jira, Notifier notifier) {

    static Clients build() {
      return new Clients(AwsClients.build(SecurityHubClient.builder()), ServiceClients.home(), ServiceClients::of,
          AwsClients.build(SecretsManagerClient.builder()),
          new JiraApi(SaasHttp.client(), duration -> Thread.sleep(duration.toMillis())),
          Notifier.fromEnvironment(System.getenv()));
    }
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) {
    EventBridgeEvent envelope = EventBridgeEvent.parse(Json.readEvent(input));
    AuditLog audit = AuditLog.toStandardOutput(NAME, envelope.id());
    Optional<String> foreign = FindingsEvent.notOurs(envelope, config.actionIds());
    if (foreign.isPresent()) {
      audit.decision("skip", String.join(",", envelope.resources()), foreign.get());
      audit.outcome(RemediationResult.Status.SKIPPED);
      Json.write(output, RemediationResult.skipped(null, foreign.get(), List.of()));
      return;
    }
    FindingsEvent event = FindingsEvent.from(envelope, config.actionIds());
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

  /** The event path after parsing, for tests that drive it with a time budget of their own. */
  FindingsResponder responder() {
    return responder;
  }

  /** What SnapStart snapshots warm: the event path end to end, on a finding out of scope, so nothing is called. */
  void warmUp() {
    FindingsEvent event = FindingsEvent.from(EventBridgeEvent.parse(Json.readEvent(
        new ByteArrayInputStream(PRIMING_EVENT.getBytes(StandardCharsets.UTF_8)))), config.actionIds());
    AuditLog silent = new AuditLog(NAME, event.eventId(), line -> { }, Clock.systemUTC());
    Json.write(OutputStream.nullOutputStream(), responder.respond(event, silent, TimeBudget.unlimited()));
  }
}
