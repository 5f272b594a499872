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
