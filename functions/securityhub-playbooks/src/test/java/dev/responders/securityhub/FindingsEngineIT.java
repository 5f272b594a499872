package dev.responders.securityhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.responders.shared.error.InvalidEventException;
import dev.responders.shared.json.Json;
import dev.responders.tools.emulator.FaultProxy;
import dev.responders.tools.emulator.MotoExtension;
import dev.responders.tools.emulator.WireMockPeer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;

/**
 * The engine end to end: several findings and resources in one event, what is ignored (with no call to Security
 * Hub at all), what is reported, automatic mode, duplicates, and malformed events that change nothing. The fault
 * proxy in front of moto counts every call that reached it.
 */
@ExtendWith({MotoExtension.class, FaultProxy.Extension.class, WireMockPeer.class})
@WireMockPeer.ForService(SecurityHubClient.class)
class FindingsEngineIT {

  private PlaybooksScenario scenario;
  private String key1;
  private String key2;

  @BeforeEach
  void seed(WireMockServer securityHub, FaultProxy proxy) {
    scenario = new PlaybooksScenario(securityHub);
    key1 = scenario.kms.createKey(r -> r.description("one")).keyMetadata().keyId();
    key2 = scenario.kms.createKey(r -> r.description("two")).keyMetadata().keyId();
    scenario.s3.createBucket(r -> r.bucket("trail-logs-123456789012"));
    scenario.cloudTrail.createTrail(r -> r.name(PlaybooksScenario.SAMPLE_TRAIL).s3BucketName("trail-logs-123456789012"));
    proxy.reset();
  }

  private String sample(String file) {
    return PlaybooksScenario.sample(file, Map.of(PlaybooksScenario.SAMPLE_KEY, key1,
        PlaybooksScenario.SAMPLE_KEY_2, key2));
  }

  @Test
  void remediatesEveryResourceOfEveryFindingOfACustomAction() {
    String event = sample("match/custom-action-three-findings.json");

    JsonNode result = scenario.invoke(event);

    assertThat(scenario.iam.getAccountPasswordPolicy().passwordPolicy().minimumPasswordLength()).isEqualTo(14);
    assertThat(rotating(key1)).isTrue();
    assertThat(rotating(key2)).isTrue();
    assertThat(scenario.cloudTrail.describeTrails().trailList().get(0).logFileValidationEnabled()).isTrue();
    assertThat(result.get("findings")).extracting(f -> f.get("status").asText())
        .containsExactly("remediated", "remediated", "remediated");
    List<JsonNode> updates = scenario.batchUpdates();
    assertThat(updates).hasSize(3);
    assertThat(updates.get(1).get("FindingIdentifiers")).hasSize(1);
    assertThat(updates.get(1).get("FindingIdentifiers").get(0).get("Id").asText())
        .isEqualTo(PlaybooksScenario.findingId(event, 1));
    assertThat(updates.get(1).get("Note").get("Text").asText()).isEqualTo("KMS.4 remediated and verified: key/"
        + key1 + ": enable automatic key rotation | key/" + key2 + ": enable automatic key rotation");
    assertThat(updates).allSatisfy(u -> {
      assertThat(u.get("Workflow").get("Status").asText()).isEqualTo("RESOLVED");
      assertThat(u.get("Note").get("UpdatedBy").asText()).isEqualTo(PlaybooksScenario.FUNCTION);
    });
    List<JsonNode> notifications = scenario.notifications();
    assertThat(notifications).as("one notification per event").hasSize(1);
    assertThat(notifications.get(0).get("MessageAttributes").get("handler").get("Value").asText())
        .isEqualTo("securityhub-playbooks");
    assertThat(PlaybooksScenario.message(notifications.get(0)).get("findings")).hasSize(3);
  }

  @Test
  void anImportedFindingAlreadyResolvedIsIgnoredWithoutAnyCall(FaultProxy proxy) {
    JsonNode result = PlaybooksScenario.invoke(automatic(Set.of("KMS.4")), sample("no-match/imported-resolved.json"));

    assertThat(result.get("status").asText()).isEqualTo("skipped");
    assertThat(result.get("ignored").get(0).get("reason").asText())
        .isEqualTo("workflow status is RESOLVED: someone already closed it");
    assertThat(scenario.securityHubCalls()).isZero();
    assertThat(proxy.reachedInOrder()).as("calls to AWS").isEmpty();
    assertThat(rotating(key1)).isFalse();
  }

  @Test
  void aPassedFindingIsIgnored(FaultProxy proxy) {
    JsonNode result = scenario.invoke(sample("match/custom-action-passed.json"));

    assertThat(result.get("status").asText()).isEqualTo("skipped");
    assertThat(result.get("ignored").get(0).get("reason").asText())
        .isEqualTo("compliance status is PASSED, not FAILED or WARNING");
    assertThat(scenario.securityHubCalls()).isZero();
    assertThat(proxy.reachedInOrder()).isEmpty();
  }

  @Test
  void aControlWithoutPlaybookIsNotifiedWithAClearNote(FaultProxy proxy) {
    String event = sample("match/custom-action-unknown-control.json");

    JsonNode result = scenario.invoke(event);

    assertThat(result.get("status").asText()).isEqualTo("completed");
    scenario.assertOnlyUpdate(PlaybooksScenario.findingId(event, 0), "NOTIFIED",
        "Macie.1 not remediated (no playbook): this function has no playbook for Macie.1");
    assertThat(proxy.reachedInOrder()).containsExactly("Publish");
    assertThat(PlaybooksScenario.outcome(scenario.notifications().get(0))).isEqualTo("needs-attention");
  }

  @Test
  void anExemptResourceIsNotTouched() {
    String event = sample("match/custom-action-exempt.json");

    scenario.invoke(event);

    assertThat(rotating(key1)).isFalse();
    scenario.assertOnlyUpdate(PlaybooksScenario.findingId(event, 0), "NOTIFIED",
        "KMS.4 not remediated (exempt): resource carries exemption tag responders:exempt");
  }

  @Test
  void automaticModeRemediatesOnlyTheListedControls(FaultProxy proxy) {
    String event = sample("match/imported-failed-new.json");

    JsonNode off = PlaybooksScenario.invoke(automatic(Set.of()), event);

    assertThat(off.get("status").asText()).isEqualTo("skipped");
    assertThat(off.get("ignored").get(0).get("reason").asText())
        .isEqualTo("control KMS.4 is not in AutoRemediateControls []");
    assertThat(rotating(key1)).isFalse();
    assertThat(scenario.securityHubCalls()).isZero();

    JsonNode on = PlaybooksScenario.invoke(automatic(Set.of("KMS.4")), event);

    assertThat(on.get("mode").asText()).isEqualTo("AUTOMATIC");
    assertThat(rotating(key1)).isTrue();
    scenario.assertOnlyUpdate(PlaybooksScenario.findingId(event, 0), "RESOLVED",
        "KMS.4 remediated and verified: enable automatic key rotation");
  }

  @Test
  void automaticModeNeverActsOnItsOwnNotifiedUpdates() {
    JsonNode result = PlaybooksScenario.invoke(automatic(Set.of("KMS.4")),
        sample("no-match/imported-notified-by-this-function.json"));

    assertThat(result.get("ignored").get(0).get("reason").asText())
        .isEqualTo("automatic mode acts on NEW findings only, this one is NOTIFIED");
    assertThat(scenario.securityHubCalls()).isZero();
  }

  @Test
  void theSameFindingTwiceInOneEventIsRemediatedOnce(FaultProxy proxy) {
    ObjectNode event = (ObjectNode) Json.read(sample("match/custom-action-cis-1.2.0.json"), JsonNode.class);
    ArrayNode findings = (ArrayNode) event.get("detail").get("findings");
    findings.add(findings.get(0).deepCopy());

    JsonNode result = scenario.invoke(event.toString());

    assertThat(proxy.reached("EnableKeyRotation")).isEqualTo(1);
    assertThat(result.get("findings")).hasSize(1);
    assertThat(result.get("ignored").get(0).get("reason").asText()).startsWith("the same finding id appeared earlier");
    assertThat(scenario.batchUpdates()).singleElement()
        .satisfies(u -> assertThat(u.get("FindingIdentifiers")).hasSize(1));
  }

  @Test
  void aFindingOfAnotherAccountIsActedOnThereThroughItsRoleNeverOnTheLocalResource(FaultProxy proxy) {
    String event = PlaybooksScenario.findingEvent("Remediate", "KMS.4", "AwsKmsKey", "210987654321", "aws",
        "us-east-1", "arn:aws:kms:us-east-1:210987654321:key/" + key1);

    scenario.invoke(event);

    assertThat(proxy.reached("AssumeRole")).isEqualTo(1);
    assertThat(proxy.reached("EnableKeyRotation")).isZero();
    assertThat(rotating(key1)).as("the local key of the same id").isFalse();
    scenario.assertOnlyUpdate(PlaybooksScenario.findingIdOf("KMS.4"), "NOTIFIED",
        "KMS.4 not remediated: key no longer exists");
  }

  @Test
  void snapStartPrimingRunsTheEventPathWithoutAnyCall(FaultProxy proxy) {
    scenario.handler().warmUp();

    assertThat(proxy.reachedInOrder()).isEmpty();
    assertThat(scenario.securityHubCalls()).isZero();
  }

  @Test
  void aResourceWhoseArnAndRegionDisagreeIsReportedNotActedOn(FaultProxy proxy) {
    scenario.invoke(PlaybooksScenario.customAction("KMS.4", "AwsKmsKey",
        "arn:aws:kms:eu-west-1:123456789012:key/" + key1));

    assertThat(proxy.reachedInOrder()).containsExactly("Publish");
    scenario.assertOnlyUpdate(PlaybooksScenario.findingIdOf("KMS.4"), "NOTIFIED",
        "KMS.4 not remediated: resource ARN names region eu-west-1 but Resources[].Region is us-east-1");
  }

  @Test
  void aKeyOfAnotherRegionOfTheAccountIsRotatedThereWithTheFunctionsOwnCredentials(FaultProxy proxy) {
    KmsClient ireland = dev.responders.shared.aws.AwsClients.build(KmsClient.builder(),
        software.amazon.awssdk.regions.Region.EU_WEST_1, null);
    String key = ireland.createKey(r -> r.description("ireland")).keyMetadata().keyId();
    proxy.reset();

    scenario.invoke(PlaybooksScenario.findingEvent("Remediate", "KMS.4", "AwsKmsKey", "123456789012", "aws",
        "eu-west-1", "arn:aws:kms:eu-west-1:123456789012:key/" + key));

    assertThat(ireland.getKeyRotationStatus(r -> r.keyId(key)).keyRotationEnabled()).isTrue();
    assertThat(proxy.reached("AssumeRole")).as("its own account needs no role").isZero();
    scenario.assertOnlyUpdate(PlaybooksScenario.findingIdOf("KMS.4"), "RESOLVED",
        "KMS.4 remediated and verified: enable automatic key rotation");
  }

  @Test
  void anotherCustomActionIsNotOurs(FaultProxy proxy) {
    JsonNode result = scenario.invoke(sample("no-match/custom-action-other-action.json"));

    assertThat(result.get("status").asText()).isEqualTo("skipped");
    assertThat(result.get("reason").asText()).contains("is none of action/custom/[PatchInstance, Remediate, SendToJira]");
    assertThat(proxy.reachedInOrder()).isEmpty();
    assertThat(scenario.securityHubCalls()).isZero();
  }

  @Test
  void malformedEventsChangeNothingAndUpdateNoFinding(FaultProxy proxy) {
    assertMalformed(d -> d.putArray("findings"), "detail.findings");
    assertMalformed(d -> ((ObjectNode) d.get("findings").get(2)).remove("Resources"), "detail.findings[2].Resources");
    assertMalformed(d -> ((ObjectNode) d.get("findings").get(1).get("Compliance")).put("SecurityControlId", 4),
        "detail.findings[1].Compliance.SecurityControlId");

    assertThat(proxy.reachedInOrder()).as("calls to AWS").isEmpty();
    assertThat(scenario.securityHubCalls()).isZero();
    assertThat(rotating(key1)).isFalse();
  }

  private void assertMalformed(Consumer<ObjectNode> breakDetail, String field) {
    ObjectNode event = (ObjectNode) Json.read(sample("match/custom-action-three-findings.json"), JsonNode.class);
    breakDetail.accept((ObjectNode) event.get("detail"));
    assertThatThrownBy(() -> scenario.invoke(event.toString()))
        .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.field()).isEqualTo(field));
  }

  private SecurityHubPlaybooksHandler automatic(Set<String> controls) {
    return scenario.handler(PlaybooksScenario.config(controls, false, null, null), Clock.systemUTC());
  }

  private boolean rotating(String key) {
    return scenario.kms.getKeyRotationStatus(r -> r.keyId(key)).keyRotationEnabled();
  }
}
