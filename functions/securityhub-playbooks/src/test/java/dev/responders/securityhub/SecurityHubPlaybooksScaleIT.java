package dev.responders.securityhub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.responders.shared.json.Json;
import dev.responders.tools.emulator.FaultProxy;
import dev.responders.tools.emulator.MotoExtension;
import dev.responders.tools.emulator.WireMockPeer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;

/** A custom action carries up to 100 findings: all of them within the function's timeout, in few finding updates. */
@ExtendWith({MotoExtension.class, FaultProxy.Extension.class, WireMockPeer.class})
@WireMockPeer.ForService(SecurityHubClient.class)
class SecurityHubPlaybooksScaleIT {

  /** template.yaml's Globals Timeout. */
  private static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(120);
  private static final List<String> PASSWORD_CONTROLS = List.of("IAM.7", "IAM.11", "IAM.12", "IAM.13", "IAM.14",
      "IAM.15", "IAM.16", "IAM.17");

  @Test
  void aHundredFindingsCompleteWithinTheTimeout(WireMockServer securityHub, FaultProxy proxy) {
    PlaybooksScenario scenario = new PlaybooksScenario(securityHub);
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 100 - PASSWORD_CONTROLS.size(); i++) {
      keys.add(scenario.kms.createKey(r -> r.description("tenant")).keyMetadata().keyId());
    }
    String event = event(keys);
    proxy.reset();

    long started = System.nanoTime();
    JsonNode result = scenario.invoke(event);
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    Map<String, Integer> calls = new TreeMap<>();
    proxy.reachedInOrder().forEach(action -> calls.merge(action, 1, Integer::sum));
    int updates = scenario.batchUpdates().size();
    System.out.printf("100-finding custom action: %d ms, %d AWS calls %s, %d BatchUpdateFindings%n",
        took.toMillis(), proxy.reachedInOrder().size(), calls, updates);
    assertThat(took).isLessThan(FUNCTION_TIMEOUT);
    assertThat(result.get("status").asText()).isEqualTo("completed");
    assertThat(result.get("findings")).hasSize(100)
        .allSatisfy(f -> assertThat(f.get("workflow_status").asText()).isEqualTo("RESOLVED"));
    assertThat(keys).allSatisfy(k -> assertThat(scenario.kms.getKeyRotationStatus(r -> r.keyId(k))
        .keyRotationEnabled()).isTrue());
    assertThat(calls).containsEntry("EnableKeyRotation", keys.size()).containsEntry("UpdateAccountPasswordPolicy", 1);
    // One call for all the keys (one note), one for the policy's first control, one per other control (compliant).
    assertThat(updates).isEqualTo(1 + PASSWORD_CONTROLS.size());
  }

  /**
   * The figure of the README: one Remediate event of 100 findings touching every kind of remediation (password
   * policy, keys, a trail, SSH and RDP rules, default groups, flow logs), then SendToJira and PatchInstance on 100.
   */
  @Test
  void aHundredFindingsMixingEveryPlaybookCompleteWithinTheTimeout(WireMockServer peer, FaultProxy proxy) {
    PlaybooksScenario scenario = new PlaybooksScenario(peer);
    ObjectNode event = (ObjectNode) Json.read(PlaybooksScenario.sample("match/custom-action-consolidated.json"),
        JsonNode.class);
    ArrayNode findings = (ArrayNode) event.get("detail").get("findings");
    findings.removeAll();
    for (String control : PASSWORD_CONTROLS) {
      findings.add(finding(control, "AwsAccount", "AWS::::Account:123456789012", findings.size()));
    }
    scenario.s3.createBucket(r -> r.bucket("trail-logs-123456789012"));
    String trail = scenario.cloudTrail.createTrail(r -> r.name("management-events").s3BucketName(
        "trail-logs-123456789012")).trailARN();
    findings.add(finding("CloudTrail.4", "AwsCloudTrailTrail", trail, findings.size()));
    for (int i = 0; i < 25; i++) {
      String key = scenario.kms.createKey(r -> r.description("tenant")).keyMetadata().keyId();
      findings.add(finding("KMS.4", "AwsKmsKey", KeyRotationPlaybookIT.arn(key), findings.size()));
    }
    String vpc = scenario.ec2.createVpc(r -> r.cidrBlock("10.50.0.0/16")).vpc().vpcId();
    for (int i = 0; i < 40; i++) {
      int port = i < 25 ? 22 : 3389;
      String group = scenario.ec2.createSecurityGroup(r -> r.groupName("open-" + port + "-" + System.nanoTime())
          .description("open").vpcId(vpc)).groupId();
      scenario.ec2.authorizeSecurityGroupIngress(r -> r.groupId(group).ipPermissions(
          NetworkPlaybooksIT.tcp(0, 65535, "0.0.0.0/0", "wide")));
      findings.add(finding(port == 22 ? "EC2.13" : "EC2.14", "AwsEc2SecurityGroup", NetworkPlaybooksIT.arn(group),
          findings.size()));
    }
    for (int i = 0; findings.size() < 100; i++) {
      String other = scenario.ec2.createVpc(r -> r.cidrBlock("10.60.0.0/16")).vpc().vpcId();
      findings.add(finding("EC2.6", "AwsEc2Vpc", "arn:aws:ec2:us-east-1:123456789012:vpc/" + other, findings.size()));
      if (findings.size() < 100) {
        String defaultGroup = scenario.ec2.describeSecurityGroups(r -> r.filters(f -> f.name("vpc-id").values(other),
            f -> f.name("group-name").values("default"))).securityGroups().get(0).groupId();
        findings.add(finding("EC2.2", "AwsEc2SecurityGroup", NetworkPlaybooksIT.arn(defaultGroup), findings.size()));
      }
    }
    proxy.reset();

    Measured remediate = measure(scenario, proxy, event.toString());

    assertThat(remediate.result().get("status").asText()).isEqualTo("completed");
    assertThat(remediate.result().get("findings")).hasSize(100)
        .allSatisfy(f -> assertThat(f.get("workflow_status").asText()).isEqualTo("RESOLVED"));
    assertThat(remediate.took()).isLessThan(FUNCTION_TIMEOUT);

    peer.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/rest/api/3/search/jql")
        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"issues\":[]}")));
    peer.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/rest/api/3/issue")
        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(201)
            .withHeader("Content-Type", "application/json").withBody("{\"id\":\"1\",\"key\":\"SEC-1\"}")));
    scenario.secrets.createSecret(r -> r.name(PlaybooksScenario.JIRA_SECRET).secretString(
        "{\"baseUrl\":\"http://127.0.0.1:" + peer.port() + "\",\"email\":\"a@example.com\",\"apiToken\":\"t\"}"));
    ((ArrayNode) event.get("resources")).removeAll().add(
        "arn:aws:securityhub:us-east-1:123456789012:action/custom/SendToJira");
    proxy.reset();
    peer.resetRequests();

    Measured jira = measure(scenario, proxy, event.toString());

    assertThat(jira.result().get("findings")).hasSize(100)
        .allSatisfy(f -> assertThat(f.get("status").asText()).isEqualTo("handed-over"));
    assertThat(peer.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
        com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/rest/api/3/issue")))).hasSize(100);
    assertThat(jira.took()).isLessThan(FUNCTION_TIMEOUT);
  }

  private record Measured(JsonNode result, Duration took) {
  }

  private static Measured measure(PlaybooksScenario scenario, FaultProxy proxy, String event) {
    int before = scenario.batchUpdates().size();
    long started = System.nanoTime();
    JsonNode result = scenario.invoke(event);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    Map<String, Integer> calls = new TreeMap<>();
    proxy.reachedInOrder().forEach(action -> calls.merge(action, 1, Integer::sum));
    int jiraCalls = (int) scenario.securityHubPeer.getAllServeEvents().stream()
        .filter(e -> e.getRequest().getUrl().startsWith("/rest/api/3/")).count();
    System.out.printf("100-finding %s: %d ms, %d AWS calls %s, %d BatchUpdateFindings, %d Jira requests%n",
        result.get("findings").get(0).get("resources").get(0).get("status").asText().equals("handed-over")
            ? "SendToJira" : "Remediate (mixed)",
        took.toMillis(), proxy.reachedInOrder().size(), calls, scenario.batchUpdates().size() - before, jiraCalls);
    return new Measured(result, took);
  }

  @Test
  void findingUpdatesGoInBatchesOfAHundred(WireMockServer securityHub) {
    PlaybooksScenario scenario = new PlaybooksScenario(securityHub);
    ObjectNode event = (ObjectNode) Json.read(PlaybooksScenario.sample("match/custom-action-unknown-control.json"),
        JsonNode.class);
    ArrayNode findings = (ArrayNode) event.get("detail").get("findings");
    ObjectNode template = (ObjectNode) findings.get(0);
    findings.removeAll();
    for (int i = 0; i < 250; i++) {
      findings.add(template.deepCopy().put("Id", template.get("Id").asText() + "-" + i));
    }

    scenario.invoke(event.toString());

    assertThat(scenario.batchUpdates()).extracting(u -> u.get("FindingIdentifiers").size())
        .containsExactly(100, 100, 50);
  }

  private static String event(List<String> keys) {
    ObjectNode event = (ObjectNode) Json.read(PlaybooksScenario.sample("match/custom-action-consolidated.json"),
        JsonNode.class);
    ArrayNode findings = (ArrayNode) event.get("detail").get("findings");
    findings.removeAll();
    for (String control : PASSWORD_CONTROLS) {
      findings.add(finding(control, "AwsAccount", "AWS::::Account:123456789012", findings.size()));
    }
    for (String key : keys) {
      findings.add(finding("KMS.4", "AwsKmsKey", KeyRotationPlaybookIT.arn(key), findings.size()));
    }
    return event.toString();
  }

  private static JsonNode finding(String control, String type, String resource, int index) {
    JsonNode one = Json.read(PlaybooksScenario.customAction(control, type, resource), JsonNode.class)
        .get("detail").get("findings").get(0);
    return ((ObjectNode) one).put("Id", one.get("Id").asText().replace("000000000001",
        String.format("%012d", index)));
  }
}
