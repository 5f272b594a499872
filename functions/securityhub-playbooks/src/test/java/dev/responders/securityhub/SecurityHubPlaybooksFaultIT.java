package dev.responders.securityhub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.responders.shared.error.NotificationFailedException;
import dev.responders.shared.error.RemediationIncompleteException;
import dev.responders.tools.emulator.AwsFault;
import dev.responders.tools.emulator.FaultProxy;
import dev.responders.tools.emulator.MotoExtension;
import dev.responders.tools.emulator.WireMockPeer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;

/**
 * Calls denied, throttled or failing half-way (the fault proxy in front of moto; WireMock for Security Hub): what
 * failed is reported on its finding and in the notification, the invocation fails so Lambda retries, and the
 * retry finishes the job without redoing what is already compliant.
 */
@ExtendWith({MotoExtension.class, FaultProxy.Extension.class, WireMockPeer.class})
@WireMockPeer.ForService(SecurityHubClient.class)
class SecurityHubPlaybooksFaultIT {

  private PlaybooksScenario scenario;
  private String key1;
  private String key2;
  private String event;

  @BeforeEach
  void seed(WireMockServer securityHub, FaultProxy proxy) {
    scenario = new PlaybooksScenario(securityHub);
    key1 = scenario.kms.createKey(r -> r.description("one")).keyMetadata().keyId();
    key2 = scenario.kms.createKey(r -> r.description("two")).keyMetadata().keyId();
    event = PlaybooksScenario.sample("match/custom-action-three-findings.json", Map.of(
        PlaybooksScenario.SAMPLE_KEY, key1, PlaybooksScenario.SAMPLE_KEY_2, key2));
    scenario.s3.createBucket(r -> r.bucket("trail-logs-123456789012"));
    scenario.cloudTrail.createTrail(r -> r.name(PlaybooksScenario.SAMPLE_TRAIL).s3BucketName("trail-logs-123456789012"));
    proxy.reset();
  }

  @Test
  void aDeniedCallHalfWayIsReportedOnTheFindingAndTheRetryFinishesOnlyWhatIsLeft(FaultProxy proxy) {
    proxy.fail("EnableKeyRotation", AwsFault.accessDenied(), 1);

    assertThatThrownBy(() -> scenario.invoke(event)).isInstanceOf(RemediationIncompleteException.class)
        .hasMessageContaining("1 finding(s) not remediated");

    assertThat(rotating(key1)).isFalse();
    assertThat(rotating(key2)).as("the other resource of the same finding").isTrue();
    assertThat(scenario.cloudTrail.describeTrails().trailList().get(0).logFileValidationEnabled())
        .as("the other findings").isTrue();
    List<JsonNode> updates = scenario.batchUpdates();
    assertThat(updates).hasSize(3);
    JsonNode kms = updates.get(1);
    assertThat(kms.get("Workflow").get("Status").asText()).isEqualTo("NOTIFIED");
    assertThat(kms.get("Note").get("Text").asText())
        .startsWith("KMS.4 remediation FAILED, will be retried: key/" + key1 + ": failed: ")
        .contains("AccessDenied")
        .endsWith("| key/" + key2 + ": enable automatic key rotation");
    List<JsonNode> notifications = scenario.notifications();
    assertThat(notifications).hasSize(1);
    assertThat(PlaybooksScenario.outcome(notifications.get(0))).isEqualTo("remediation-failed");
    assertThat(notifications.get(0).get("Subject").asText()).endsWith(", 1 FAILED");

    scenario.forgetSecurityHubRequests();
    JsonNode retry = scenario.invoke(event);

    assertThat(rotating(key1)).isTrue();
    assertThat(proxy.reached("EnableKeyRotation")).as("once per key over both runs").isEqualTo(2);
    assertThat(proxy.reached("UpdateAccountPasswordPolicy")).as("the policy is not written twice").isEqualTo(1);
    assertThat(retry.get("status").asText()).isEqualTo("completed");
    assertThat(scenario.batchUpdates()).allSatisfy(u ->
        assertThat(u.get("Workflow").get("Status").asText()).isEqualTo("RESOLVED"));
  }

  @Test
  void aThrottledCallIsRetriedByTheSdkAndSucceeds(FaultProxy proxy) {
    proxy.fail("EnableKeyRotation", AwsFault.throttling(), 1);

    JsonNode result = scenario.invoke(event);

    assertThat(result.get("status").asText()).isEqualTo("completed");
    assertThat(proxy.attempts("EnableKeyRotation")).isEqualTo(3);
    assertThat(proxy.reached("EnableKeyRotation")).isEqualTo(2);
    assertThat(rotating(key1) && rotating(key2)).isTrue();
  }

  @Test
  void aTrailKeyMadeBeforeAFailureIsFoundAgainByAliasNeverASecond(FaultProxy proxy) {
    String trailArn = scenario.cloudTrail.describeTrails().trailList().get(0).trailARN();
    String encrypt = PlaybooksScenario.customAction("CloudTrail.2", "AwsCloudTrailTrail", trailArn);
    proxy.fail("UpdateTrail", AwsFault.accessDenied(), 1);

    assertThatThrownBy(() -> scenario.invoke(encrypt)).isInstanceOf(RemediationIncompleteException.class);

    assertThat(scenario.kms.listKeys().keys()).as("the two seeded keys and the trail's").hasSize(3);
    assertThat(scenario.cloudTrail.describeTrails().trailList().get(0).kmsKeyId()).isNull();

    JsonNode retry = scenario.invoke(encrypt);

    assertThat(scenario.kms.listKeys().keys()).as("still one key for the trail").hasSize(3);
    assertThat(proxy.reached("CreateKey")).isEqualTo(1);
    String keyArn = scenario.kms.describeKey(r -> r.keyId("alias/responders/cloudtrail/management-events"))
        .keyMetadata().arn();
    assertThat(scenario.cloudTrail.describeTrails().trailList().get(0).kmsKeyId()).isEqualTo(keyArn);
    assertThat(retry.get("findings").get(0).get("resources").get(0).get("steps").get(0).asText())
        .isEqualTo("encrypt the trail's log files with " + keyArn);
  }

  @Test
  void aNotificationThatCannotBeSentFailsTheInvocationAndTheRetrySendsIt(FaultProxy proxy) {
    proxy.failAlways("Publish", AwsFault.serverError());

    assertThatThrownBy(() -> scenario.invoke(event)).isInstanceOf(NotificationFailedException.class);
    assertThat(rotating(key1) && rotating(key2)).as("the work is done").isTrue();
    assertThat(scenario.batchUpdates()).hasSize(3);

    proxy.heal("Publish");
    JsonNode retry = scenario.invoke(event);

    assertThat(retry.get("notification").asText()).isEqualTo("sent");
    assertThat(scenario.notifications()).hasSize(1);
    assertThat(proxy.reached("EnableKeyRotation")).as("nothing redone").isEqualTo(2);
  }

  @Test
  void findingsSecurityHubLeavesUnprocessedAreSentOnceMore(WireMockServer securityHub) {
    String id = PlaybooksScenario.findingId(event, 0);
    securityHub.stubFor(patch(urlEqualTo("/findings/batchupdate")).inScenario("unprocessed")
        .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("second")
        .willReturn(okJson("{\"ProcessedFindings\":[],\"UnprocessedFindings\":[{\"FindingIdentifier\":{\"Id\":\""
            + id + "\",\"ProductArn\":\"arn:aws:securityhub:us-east-1::product/aws/securityhub\"},"
            + "\"ErrorCode\":\"FindingNotFound\",\"ErrorMessage\":\"not yet\"}]}")));

    JsonNode result = scenario.invoke(event);

    assertThat(result.get("status").asText()).isEqualTo("completed");
    assertThat(result.get("finding_updates").get("calls").asInt()).isEqualTo(4);
    assertThat(scenario.batchUpdates().get(1).get("FindingIdentifiers").get(0).get("Id").asText()).isEqualTo(id);
  }

  @Test
  void findingsRefusedTwiceAreReportedAndFailTheInvocation(WireMockServer securityHub) {
    String id = PlaybooksScenario.findingId(event, 2);
    securityHub.stubFor(patch(urlEqualTo("/findings/batchupdate")).withRequestBody(
            com.github.tomakehurst.wiremock.client.WireMock.containing(id))
        .willReturn(okJson("{\"ProcessedFindings\":[],\"UnprocessedFindings\":[{\"FindingIdentifier\":{\"Id\":\""
            + id + "\",\"ProductArn\":\"arn:aws:securityhub:us-east-1::product/aws/securityhub\"},"
            + "\"ErrorCode\":\"FindingSizeExceeded\",\"ErrorMessage\":\"too big\"}]}")));

    assertThatThrownBy(() -> scenario.invoke(event)).isInstanceOf(RemediationIncompleteException.class)
        .hasMessageContaining("1 not updated");

    assertThat(scenario.batchUpdates()).hasSize(4);
    assertThat(PlaybooksScenario.message(scenario.notifications().get(0)).get("finding_updates").get("not_updated")
        .get(0).get("error").asText()).isEqualTo("FindingSizeExceeded: too big");
  }

  @Test
  void securityHubThrottlingOutlastingTheSdksRetriesIsWaitedOutWithBackoff(WireMockServer securityHub) {
    securityHub.stubFor(patch(urlEqualTo("/findings/batchupdate")).inScenario("throttled")
        .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("1").willReturn(tooManyRequests()));
    for (int i = 1; i <= 3; i++) {
      securityHub.stubFor(patch(urlEqualTo("/findings/batchupdate")).inScenario("throttled")
          .whenScenarioStateIs(String.valueOf(i)).willSetStateTo(String.valueOf(i + 1)).willReturn(tooManyRequests()));
    }
    securityHub.stubFor(patch(urlEqualTo("/findings/batchupdate")).inScenario("throttled").whenScenarioStateIs("4")
        .willReturn(okJson("{\"ProcessedFindings\":[],\"UnprocessedFindings\":[]}")));

    JsonNode result = scenario.invoke(event);

    assertThat(result.get("status").asText()).as("nothing lost to throttling").isEqualTo("completed");
    assertThat(result.get("finding_updates").get("updated").asInt()).isEqualTo(3);
    assertThat(scenario.batchUpdates()).as("3 SDK attempts, our retry after a wait, then the other two notes")
        .hasSize(4 + 3);
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder tooManyRequests() {
    return aResponse().withStatus(429).withHeader("x-amzn-ErrorType", "TooManyRequestsException")
        .withBody("{\"message\":\"Rate exceeded\"}");
  }

  @Test
  void aSecurityHubOutageIsReportedNotSwallowed(WireMockServer securityHub) {
    securityHub.stubFor(patch(urlEqualTo("/findings/batchupdate")).willReturn(aResponse().withStatus(500)
        .withHeader("x-amzn-ErrorType", "InternalException").withBody("{\"message\":\"down\"}")));

    assertThatThrownBy(() -> scenario.invoke(event)).isInstanceOf(RemediationIncompleteException.class)
        .hasMessageContaining("3 not updated");
    assertThat(rotating(key1)).isTrue();
  }

  @Test
  void whenTheInvocationsTimeRunsOutTheRestIsReportedForTheRetry(FaultProxy proxy) {
    FindingsResponder responder = scenario.handler().responder();
    FindingsEvent parsed = FindingsEvent.from(dev.responders.shared.event.EventBridgeEvent.parse(
        dev.responders.shared.json.Json.read(event, JsonNode.class)), PlaybooksScenario.ACTIONS);
    dev.responders.shared.audit.AuditLog audit = new dev.responders.shared.audit.AuditLog("securityhub-playbooks",
        "e", line -> { }, java.time.Clock.systemUTC());

    assertThatThrownBy(() -> responder.respond(parsed, audit,
        dev.responders.shared.lambda.TimeBudget.remaining(() -> 5_000)))
        .isInstanceOf(RemediationIncompleteException.class);

    assertThat(proxy.reached("EnableKeyRotation") + proxy.reached("UpdateAccountPasswordPolicy")).isZero();
    assertThat(scenario.batchUpdates()).hasSize(3).allSatisfy(u -> {
      assertThat(u.get("Workflow").get("Status").asText()).isEqualTo("NOTIFIED");
      assertThat(u.get("Note").get("Text").asText()).contains("ms of the invocation left, before touching it");
    });
  }

  private boolean rotating(String key) {
    return scenario.kms.getKeyRotationStatus(r -> r.keyId(key)).keyRotationEnabled();
  }
}
