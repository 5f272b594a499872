package dev.responders.securityhub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.responders.tools.emulator.MotoExtension;
import dev.responders.tools.emulator.WireMockPeer;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;

/** KMS.4: rotation of customer managed keys, in every id format the finding may come in. */
@ExtendWith({MotoExtension.class, WireMockPeer.class})
@WireMockPeer.ForService(SecurityHubClient.class)
class KeyRotationPlaybookIT {

  private PlaybooksScenario scenario;

  @BeforeEach
  void seed(WireMockServer securityHub) {
    scenario = new PlaybooksScenario(securityHub);
  }

  @Test
  void turnsRotationOnThenChangesNothingOnTheSecondRun() {
    String key = scenario.kms.createKey(r -> r.description("payments")).keyMetadata().keyId();
    assertThat(rotating(key)).isFalse();
    String event = PlaybooksScenario.customAction("KMS.4", "AwsKmsKey", arn(key));

    JsonNode result = scenario.invoke(event);

    assertThat(rotating(key)).isTrue();
    assertThat(result.get("findings").get(0).get("status").asText()).isEqualTo("remediated");
    scenario.assertOnlyUpdate(PlaybooksScenario.findingIdOf("KMS.4"), "RESOLVED",
        "KMS.4 remediated and verified: enable automatic key rotation");

    scenario.forgetSecurityHubRequests();
    JsonNode second = scenario.invoke(event);

    assertThat(rotating(key)).isTrue();
    assertThat(scenario.kms.listKeys().keys()).hasSize(1);
    assertThat(second.get("findings").get(0).get("status").asText()).isEqualTo("already-compliant");
    scenario.assertOnlyUpdate(PlaybooksScenario.findingIdOf("KMS.4"), "RESOLVED",
        "KMS.4 already compliant, nothing changed");
  }

  @Test
  void readsTheControlFromTheCis120AndCis300Formats() {
    String key = scenario.kms.createKey(r -> r.description("ledger")).keyMetadata().keyId();
    String cis12 = PlaybooksScenario.sample("match/custom-action-cis-1.2.0.json",
        Map.of(PlaybooksScenario.SAMPLE_KEY, key));

    JsonNode result = scenario.invoke(cis12);

    assertThat(rotating(key)).isTrue();
    assertThat(result.get("findings").get(0).get("control_id").asText()).isEqualTo("KMS.4");
    scenario.assertOnlyUpdate(PlaybooksScenario.findingId(cis12, 0), "RESOLVED",
        "KMS.4 remediated and verified: enable automatic key rotation");

    scenario.forgetSecurityHubRequests();
    String cis30 = PlaybooksScenario.sample("match/custom-action-cis-3.0.0.json",
        Map.of(PlaybooksScenario.SAMPLE_KEY, key));
    scenario.invoke(cis30);
    scenario.assertOnlyUpdate(PlaybooksScenario.findingId(cis30, 0), "RESOLVED",
        "KMS.4 already compliant, nothing changed");
  }

  @Test
  void anAsymmetricKeyIsReportedAsNotRemediable() {
    String key = scenario.kms.createKey(r -> r.keySpec(KeySpec.RSA_2048).keyUsage(KeyUsageType.SIGN_VERIFY))
        .keyMetadata().keyId();

    JsonNode result = scenario.invoke(PlaybooksScenario.customAction("KMS.4", "AwsKmsKey", arn(key)));

    assertThat(result.get("status").asText()).isEqualTo("completed");
    scenario.assertOnlyUpdate(PlaybooksScenario.findingIdOf("KMS.4"), "NOTIFIED",
        "KMS.4 not remediated: key spec RSA_2048 cannot rotate automatically");
  }

  private boolean rotating(String key) {
    return scenario.kms.getKeyRotationStatus(r -> r.keyId(key)).keyRotationEnabled();
  }

  static String arn(String keyId) {
    return "arn:aws:kms:us-east-1:123456789012:key/" + keyId;
  }
}
