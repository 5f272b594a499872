package dev.responders.securityhub;

import dev.responders.shared.http.SaasHttp;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.responders.shared.aws.AccountScope;
import dev.responders.shared.aws.Deployment;
import dev.responders.shared.aws.DeploymentMode;
import dev.responders.shared.aws.AwsClients;
import dev.responders.shared.json.Json;
import dev.responders.shared.notify.Notifier;
import dev.responders.tools.account.NotificationInbox;
import dev.responders.tools.account.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import dev.responders.securityhub.jira.JiraApi;
import dev.responders.securityhub.playbook.ServiceClients;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What every securityhub-playbooks integration test starts from: clients built as the handler builds them (moto,
 * or the fault proxy in front of it; Security Hub to the WireMock peer, which moto lacks BatchUpdateFindings for),
 * the responders' topic with an inbox, the handler, and readings of what Security Hub was asked.
 */
final class PlaybooksScenario {

  static final AccountScope SCOPE = new AccountScope("123456789012", "us-east-1");
  static final Deployment ORGANIZATION = new Deployment(DeploymentMode.ORGANIZATION, "responders-remediation",
      "o-abc1234567");
  static final String FUNCTION = "aws-event-responders-SecurityHubPlaybooksFunction";
  static final String SAMPLE_KEY = "1234abcd-12ab-34cd-56ef-1234567890ab";
  static final String SAMPLE_KEY_2 = "0987dcba-09fe-87dc-65ba-ab0987654321";
  static final String SAMPLE_TRAIL = "management-events";
  static final String SAMPLE_USER = "deploy-bot";

  final IamClient iam = AwsClients.build(IamClient.builder());
  final KmsClient kms = AwsClients.build(KmsClient.builder());
  final CloudTrailClient cloudTrail = AwsClients.build(CloudTrailClient.builder());
  final S3Client s3 = AwsClients.build(S3Client.builder());
  final CloudWatchLogsClient logs = AwsClients.build(CloudWatchLogsClient.builder());
  final Ec2Client ec2 = AwsClients.build(Ec2Client.builder());
  final SsmClient ssm = AwsClients.build(SsmClient.builder());
  final StsClient sts = AwsClients.build(StsClient.builder());
  final SecretsManagerClient secrets = AwsClients.build(SecretsManagerClient.builder());
  final SecurityHubClient securityHub = AwsClients.build(SecurityHubClient.builder());
  /** Every wait the Jira client would have slept (the tests do not sleep). */
  final List<java.time.Duration> jiraWaits = new java.util.concurrent.CopyOnWriteArrayList<>();
  final NotificationInbox inbox = NotificationInbox.create(AwsClients.build(SnsClient.builder()),
      AwsClients.build(SqsClient.builder()), "responder-notifications");
  final Notifier notifier = new Notifier(AwsClients.build(SnsClient.builder()), inbox.topicArn());
  final WireMockServer securityHubPeer;

  PlaybooksScenario(WireMockServer securityHubPeer) {
    this.securityHubPeer = securityHubPeer;
    securityHubPeer.stubFor(patch(urlEqualTo("/findings/batchupdate"))
        .willReturn(okJson("{\"ProcessedFindings\":[],\"UnprocessedFindings\":[]}")));
  }

  static PlaybooksConfig config() {
    return config(Set.of(), false, null, null);
  }

  static final Map<FindingsEvent.Action, String> ACTIONS = Map.of(FindingsEvent.Action.REMEDIATE, "Remediate",
      FindingsEvent.Action.SEND_TO_JIRA, "SendToJira", FindingsEvent.Action.PATCH_INSTANCE, "PatchInstance");
  static final String FLOW_LOGS_ROLE = "arn:aws:iam::123456789012:role/responders-vpc-flow-logs";
  static final String JIRA_SECRET = "responders/jira";

  static PlaybooksConfig config(Set<String> autoControls, boolean dryRun, String logsRoleArn, String logBucket) {
    return config(autoControls, dryRun, logsRoleArn, logBucket, FLOW_LOGS_ROLE, SCOPE);
  }

  static PlaybooksConfig config(Set<String> autoControls, boolean dryRun, String logsRoleArn, String logBucket,
      String flowLogsRole, AccountScope scope) {
    return new PlaybooksConfig(FUNCTION, ACTIONS, autoControls, dryRun, "responders:exempt",
        scope.mode() == DeploymentMode.ORGANIZATION ? ORGANIZATION : Deployment.SINGLE_ACCOUNT, logsRoleArn, logBucket,
        flowLogsRole, JIRA_SECRET, "SEC", scope);
  }

  SecurityHubPlaybooksHandler handler() {
    return handler(config(), Clock.systemUTC());
  }

  SecurityHubPlaybooksHandler handler(PlaybooksConfig config, Clock clock) {
    return new SecurityHubPlaybooksHandler(config, clients(), clock);
  }

  /** The clients as the handler builds them (member accounts and other regions through moto too). */
  SecurityHubPlaybooksHandler.Clients clients() {
    return new SecurityHubPlaybooksHandler.Clients(securityHub, home(), ServiceClients::of, secrets,
        new JiraApi(SaasHttp.client(), jiraWaits::add), notifier);
  }

  ServiceClients home() {
    return new ServiceClients(iam, kms, cloudTrail, s3, logs, ec2, ssm);
  }

  /** A sample of events/securityhub-playbooks, e.g. {@code match/custom-action-fsbp.json}. */
  static String sample(String file) {
    return SampleEvents.read("securityhub-playbooks", file);
  }

  /** The sample with its placeholder resource ids (keys, trail, user) replaced by those the test created. */
  static String sample(String file, Map<String, String> aimedAt) {
    String event = sample(file);
    for (Map.Entry<String, String> entry : aimedAt.entrySet()) {
      event = event.replace(entry.getKey(), entry.getValue());
    }
    return event;
  }

  /**
   * A custom action on one consolidated finding of {@code control} naming {@code resourceIds} (of ASFF type
   * {@code type}), from the consolidated sample; its finding id ends in {@code control}'s name.
   */
  static String customAction(String control, String type, String... resourceIds) {
    return findingEvent("Remediate", control, type, "123456789012", "aws", "us-east-1", resourceIds);
  }

  /**
   * The same for custom action {@code action} ({@code Remediate}, {@code SendToJira}, {@code PatchInstance}), a
   * finding of {@code account} whose resources are in {@code partition} and {@code region}.
   */
  static String findingEvent(String action, String control, String type, String account, String partition,
      String region, String... resourceIds) {
    com.fasterxml.jackson.databind.node.ObjectNode event = (com.fasterxml.jackson.databind.node.ObjectNode)
        Json.read(sample("match/custom-action-consolidated.json"), JsonNode.class);
    event.putArray("resources").add("arn:" + partition + ":securityhub:" + region + ":" + account
        + ":action/custom/" + action);
    com.fasterxml.jackson.databind.node.ObjectNode finding = (com.fasterxml.jackson.databind.node.ObjectNode)
        event.get("detail").get("findings").get(0);
    finding.put("Id", findingIdOf(control));
    finding.put("AwsAccountId", account);
    finding.put("GeneratorId", "security-control/" + control);
    finding.put("Title", control + " control");
    ((com.fasterxml.jackson.databind.node.ObjectNode) finding.get("Compliance")).put("SecurityControlId", control);
    com.fasterxml.jackson.databind.node.ArrayNode resources = finding.putArray("Resources");
    for (String id : resourceIds) {
      resources.addObject().put("Type", type).put("Id", id).put("Partition", partition).put("Region", region);
    }
    return event.toString();
  }

  static String findingIdOf(String control) {
    return "arn:aws:securityhub:us-east-1:123456789012:security-control/" + control
        + "/finding/0c0ffee0-0000-4000-8000-000000000001";
  }

  JsonNode invoke(String event) {
    return invoke(handler(), event);
  }

  static JsonNode invoke(SecurityHubPlaybooksHandler handler, String event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
    return Json.read(out.toString(StandardCharsets.UTF_8), JsonNode.class);
  }

  /** Every BatchUpdateFindings body Security Hub received, in order. */
  List<JsonNode> batchUpdates() {
    return securityHubPeer.findAll(patchRequestedFor(urlEqualTo("/findings/batchupdate"))).stream()
        .map(request -> Json.read(request.getBodyAsString(), JsonNode.class)).toList();
  }

  /** Asserts Security Hub received exactly this one BatchUpdateFindings body, and nothing else. */
  void assertOnlyUpdate(String findingId, String status, String note) {
    securityHubPeer.verify(1, patchRequestedFor(urlEqualTo("/findings/batchupdate")).withRequestBody(equalToJson(
        Json.write(Map.of(
            "FindingIdentifiers", List.of(Map.of("Id", findingId, "ProductArn",
                "arn:aws:securityhub:us-east-1::product/aws/securityhub")),
            "Note", Map.of("Text", note, "UpdatedBy", FUNCTION),
            "Workflow", Map.of("Status", status))))));
    assertThat(securityHubPeer.findAll(anyRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.anyUrl())))
        .as("every request to Security Hub").hasSize(1);
  }

  int securityHubCalls() {
    return securityHubPeer.findAll(anyRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.anyUrl())).size();
  }

  void forgetSecurityHubRequests() {
    securityHubPeer.resetRequests();
  }

  /** The finding id of the sample's finding {@code index}. */
  static String findingId(String event, int index) {
    return Json.read(event, JsonNode.class).get("detail").get("findings").get(index).get("Id").asText();
  }

  List<JsonNode> notifications() {
    return inbox.take();
  }

  static JsonNode message(JsonNode notification) {
    return Json.read(notification.get("Message").asText(), JsonNode.class);
  }

  static String outcome(JsonNode notification) {
    return notification.get("MessageAttributes").get("outcome").get("Value").asText();
  }
}
