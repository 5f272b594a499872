package dev.responders.securityhub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.responders.tools.emulator.MotoExtension;
import dev.responders.tools.emulator.MotoServer;
import dev.responders.tools.emulator.WireMockPeer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The custom actions that hand a finding over. SendToJira against a Jira Cloud double (WireMock; the secret in moto's
 * Secrets Manager). PatchInstance against moto's SSM SendCommand and ListCommands; DescribeInstanceInformation, which
 * moto lacks, answered by WireMock, which passes every other SSM call on to moto.
 */
@ExtendWith({MotoExtension.class, WireMockPeer.class})
@WireMockPeer.ForService({SecurityHubClient.class, SsmClient.class})
class HandoverActionsIT {

  private static final String KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  private static final String MANAGED = "i-0123456789abcdef0";
  private static final String UNMANAGED = "i-0fedcba9876543210";
  private static final String SEARCH = "/rest/api/3/search/jql";
  private static final String CREATE = "/rest/api/3/issue";

  private PlaybooksScenario scenario;
  private WireMockServer peer;

  @BeforeEach
  void seed(WireMockServer peer, MotoServer moto) {
    this.peer = peer;
    scenario = new PlaybooksScenario(peer);
    scenario.secrets.createSecret(r -> r.name(PlaybooksScenario.JIRA_SECRET).secretString(
        "{\"baseUrl\":\"http://127.0.0.1:" + peer.port() + "\",\"email\":\"secops@example.com\","
            + "\"apiToken\":\"t0ken\"}"));
    peer.stubFor(post(urlEqualTo("/")).atPriority(10).withHeader("X-Amz-Target", matching("AmazonSSM\\..*"))
        .willReturn(aResponse().proxiedFrom(moto.endpoint().toString())));
    peer.stubFor(post(urlEqualTo("/")).atPriority(1)
        .withHeader("X-Amz-Target", equalTo("AmazonSSM.DescribeInstanceInformation"))
        .withRequestBody(containing(MANAGED))
        .willReturn(okJson("{\"InstanceInformationList\":[{\"InstanceId\":\"" + MANAGED + "\",\"PingStatus\":\"Online\","
            + "\"PlatformType\":\"Linux\"}]}")));
    peer.stubFor(post(urlEqualTo("/")).atPriority(2)
        .withHeader("X-Amz-Target", equalTo("AmazonSSM.DescribeInstanceInformation"))
        .willReturn(okJson("{\"InstanceInformationList\":[]}")));
  }

  private String jiraEvent() {
    return PlaybooksScenario.findingEvent("SendToJira", "KMS.4", "AwsKmsKey", "123456789012", "aws", "us-east-1",
        KEY_ARN);
  }

  @Test
  void sendToJiraOpensOneIssuePerFindingAndARedeliveryOpensNone() {
    peer.stubFor(post(urlEqualTo(SEARCH)).inScenario("jira").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(okJson("{\"issues\":[],\"isLast\":true}")));
    peer.stubFor(post(urlEqualTo(CREATE)).inScenario("jira").whenScenarioStateIs(Scenario.STARTED)
        .willSetStateTo("created").willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
            .withBody("{\"id\":\"10001\",\"key\":\"SEC-1\",\"self\":\"http://jira/rest/api/3/issue/10001\"}")));
    peer.stubFor(post(urlEqualTo(SEARCH)).inScenario("jira").whenScenarioStateIs("created")
        .willReturn(okJson("{\"issues\":[{\"id\":\"10001\",\"key\":\"SEC-1\"}],\"isLast\":true}")));
    String event = jiraEvent();
    String label = "securityhub-" + mark(PlaybooksScenario.findingIdOf("KMS.4"));

    JsonNode result = scenario.invoke(event);

    String basic = "Basic " + Base64.getEncoder().encodeToString("secops@example.com:t0ken"
        .getBytes(StandardCharsets.UTF_8));
    peer.verify(1, postRequestedFor(urlEqualTo(SEARCH)).withHeader("Authorization", equalTo(basic))
        .withRequestBody(equalToJson("{\"jql\":\"project = \\\"SEC\\\" AND labels = \\\"" + label
            + "\\\" ORDER BY created ASC\",\"maxResults\":1,\"fields\":[\"key\"]}")));
    peer.verify(1, postRequestedFor(urlEqualTo(CREATE)).withHeader("Authorization", equalTo(basic))
        .withRequestBody(equalToJson("""
            {"fields":{"project":{"key":"SEC"},"issuetype":{"name":"Task"},"summary":"[KMS.4] KMS.4 control",
             "labels":["security-hub","%s"]}}""".formatted(label), true, true)));
    JsonNode created = dev.responders.shared.json.Json.read(peer.findAll(postRequestedFor(urlEqualTo(CREATE))).get(0)
        .getBodyAsString(), JsonNode.class);
    assertThat(created.at("/fields/description/content/0/content/0/text").asText())
        .isEqualTo("Security Hub finding " + PlaybooksScenario.findingIdOf("KMS.4"));
    assertThat(result.get("findings").get(0).get("status").asText()).isEqualTo("handed-over");
    assertThat(onlyUpdate()).isEqualTo("NOTIFIED KMS.4 handed over: created Jira issue SEC-1");

    peer.resetRequests();
    scenario.invoke(event);

    peer.verify(0, postRequestedFor(urlEqualTo(CREATE)));
    assertThat(onlyUpdate()).isEqualTo("NOTIFIED KMS.4 handed over: Jira issue SEC-1 (opened earlier)");
  }

  @Test
  void jiraRateLimitingAndServerErrorsAreRetriedWithoutASecondIssue() {
    peer.stubFor(post(urlEqualTo(SEARCH)).willReturn(okJson("{\"issues\":[]}")));
    peer.stubFor(post(urlEqualTo(CREATE)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
        .willSetStateTo("limited-once").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")));
    peer.stubFor(post(urlEqualTo(CREATE)).inScenario("flaky").whenScenarioStateIs("limited-once")
        .willSetStateTo("failed-once").willReturn(aResponse().withStatus(503).withBody("{\"errorMessages\":[\"busy\"]}")));
    peer.stubFor(post(urlEqualTo(CREATE)).inScenario("flaky").whenScenarioStateIs("failed-once")
        .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
            .withBody("{\"id\":\"10002\",\"key\":\"SEC-2\"}")));

    JsonNode result = scenario.invoke(jiraEvent());

    assertThat(result.get("status").asText()).isEqualTo("completed");
    peer.verify(3, postRequestedFor(urlEqualTo(CREATE)));
    peer.verify(2, postRequestedFor(urlEqualTo(SEARCH)).withRequestBody(containing("labels")));
    assertThat(scenario.jiraWaits).as("Retry-After, then the backoff after the 503").startsWith(Duration.ofSeconds(2));
    assertThat(onlyUpdate()).isEqualTo("NOTIFIED KMS.4 handed over: created Jira issue SEC-2");
  }

  @Test
  void aJiraRefusalIsReportedOnTheFindingAndNotRetried() {
    peer.stubFor(post(urlEqualTo(SEARCH)).willReturn(okJson("{\"issues\":[]}")));
    peer.stubFor(post(urlEqualTo(CREATE)).willReturn(aResponse().withStatus(400).withHeader("Content-Type",
        "application/json").withBody("{\"errorMessages\":[],\"errors\":{\"issuetype\":\"Specify a valid issue type\"}}")));

    JsonNode result = scenario.invoke(jiraEvent());

    assertThat(result.get("status").asText()).isEqualTo("completed");
    peer.verify(1, postRequestedFor(urlEqualTo(CREATE)));
    assertThat(onlyUpdate()).isEqualTo("NOTIFIED KMS.4 not handed over (refused): Jira refused POST /rest/api/3/issue"
        + " with 400: issuetype: Specify a valid issue type");
  }

  @Test
  void aMissingJiraSecretIsReportedNamingIt() {
    scenario.secrets.deleteSecret(r -> r.secretId(PlaybooksScenario.JIRA_SECRET).forceDeleteWithoutRecovery(true));

    scenario.invoke(jiraEvent());

    peer.verify(0, postRequestedFor(urlEqualTo(CREATE)));
    assertThat(onlyUpdate()).isEqualTo("NOTIFIED KMS.4 not handed over (refused): Jira secret responders/jira does not"
        + " exist (see README, Jira set-up)");
  }

  @Test
  void patchInstanceRunsThePatchBaselineOnManagedInstancesAndReportsTheOthers() {
    String event = PlaybooksScenario.findingEvent("PatchInstance", "SSM.1", "AwsEc2Instance", "123456789012", "aws",
        "us-east-1", "arn:aws:ec2:us-east-1:123456789012:instance/" + MANAGED,
        "arn:aws:ec2:us-east-1:123456789012:instance/" + UNMANAGED);

    JsonNode result = scenario.invoke(event);

    var commands = scenario.ssm.listCommands(r -> r.instanceId(MANAGED)).commands();
    assertThat(commands).singleElement().satisfies(c -> {
      assertThat(c.documentName()).isEqualTo("AWS-RunPatchBaseline");
      assertThat(c.parameters()).containsEntry("Operation", List.of("Install"));
      assertThat(c.instanceIds()).containsExactly(MANAGED);
    });
    assertThat(scenario.ssm.listCommands(r -> r.instanceId(UNMANAGED)).commands()).isEmpty();
    String commandId = commands.get(0).commandId();
    assertThat(onlyUpdate()).isEqualTo("NOTIFIED SSM.1 not remediated: instance/" + MANAGED + ": sent SSM command " + commandId
        + " (AWS-RunPatchBaseline Install) to " + MANAGED + " | instance/" + UNMANAGED + ": instance " + UNMANAGED
        + " is not managed by SSM (no SSM Agent registered; it needs the agent and an instance profile allowing SSM):"
        + " not patched");
    assertThat(result.get("findings").get(0).get("resources")).extracting(r -> r.get("status").asText())
        .containsExactly("handed-over", "not-remediable");
  }

  @Test
  void aRedeliveryWhileThePatchingRunsSendsNoSecondCommand() {
    String event = PlaybooksScenario.findingEvent("PatchInstance", "SSM.1", "AwsEc2Instance", "123456789012", "aws",
        "us-east-1", "arn:aws:ec2:us-east-1:123456789012:instance/" + MANAGED);
    String comment = "securityhub-playbooks finding " + mark(PlaybooksScenario.findingIdOf("SSM.1"));
    peer.stubFor(post(urlEqualTo("/")).atPriority(1).withHeader("X-Amz-Target", equalTo("AmazonSSM.ListCommands"))
        .willReturn(okJson("{\"Commands\":[{\"CommandId\":\"c0ffee00-1111-2222-3333-444455556666\",\"DocumentName\":"
            + "\"AWS-RunPatchBaseline\",\"Comment\":\"" + comment + "\",\"Status\":\"InProgress\"}]}")));

    scenario.invoke(event);

    peer.verify(0, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonSSM.SendCommand")));
    assertThat(onlyUpdate()).isEqualTo("NOTIFIED SSM.1 handed over: SSM command c0ffee00-1111-2222-3333-444455556666"
        + " (InProgress) already patching " + MANAGED);
  }

  /** The one BatchUpdateFindings of the invocation, as "STATUS note". */
  private String onlyUpdate() {
    List<JsonNode> updates = scenario.batchUpdates();
    assertThat(updates).hasSize(1);
    return updates.get(0).get("Workflow").get("Status").asText() + " " + updates.get(0).get("Note").get("Text").asText();
  }

  private static String mark(String findingId) {
    return new dev.responders.securityhub.playbook.Target(findingId, null, null, null, null).findingMark();
  }
}
