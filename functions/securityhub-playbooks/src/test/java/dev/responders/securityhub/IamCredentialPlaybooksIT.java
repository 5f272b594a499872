package dev.responders.securityhub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.responders.tools.emulator.MotoExtension;
import dev.responders.tools.emulator.WireMockPeer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;

/** IAM.3 (keys older than 90 days) and IAM.8 (credentials unused for 90 days) against moto's IAM. */
@ExtendWith({MotoExtension.class, WireMockPeer.class})
@WireMockPeer.ForService(SecurityHubClient.class)
class IamCredentialPlaybooksIT {

  private static final String USER_ARN = "arn:aws:iam::123456789012:user/deploy-bot";

  private PlaybooksScenario scenario;

  @BeforeEach
  void seed(WireMockServer securityHub) {
    scenario = new PlaybooksScenario(securityHub);
    scenario.iam.createUser(r -> r.userName("deploy-bot"));
  }

  @Test
  void deactivatesOnlyTheKeyOlderThanNinetyDaysAndLeavesItOnTheSecondRun() throws InterruptedException {
    AccessKey old = scenario.iam.createAccessKey(r -> r.userName("deploy-bot")).accessKey();
    Thread.sleep(1500);
    AccessKey recent = scenario.iam.createAccessKey(r -> r.userName("deploy-bot")).accessKey();
    // The clock of a day when the first key has just turned 90 days old and the second not yet.
    Clock clock = Clock.fixed(recent.createDate().plus(Duration.ofDays(90)).minusMillis(500), ZoneOffset.UTC);
    String event = PlaybooksScenario.customAction("IAM.3", "AwsIamUser", USER_ARN);

    JsonNode result = PlaybooksScenario.invoke(scenario.handler(PlaybooksScenario.config(), clock), event);

    assertThat(statuses()).containsExactlyInAnyOrderEntriesOf(Map.of(old.accessKeyId(), "Inactive",
        recent.accessKeyId(), "Active"));
    assertThat(result.get("findings").get(0).get("status").asText()).isEqualTo("remediated");
    scenario.assertOnlyUpdate(PlaybooksScenario.findingIdOf("IAM.3"), "RESOLVED",
        "IAM.3 remediated and verified: deactivate access key " + old.accessKeyId()
            + " (created 90 days ago)");

    scenario.forgetSecurityHubRequests();
    JsonNode second = PlaybooksScenario.invoke(scenario.handler(PlaybooksScenario.config(), clock), event);

    assertThat(statuses()).containsEntry(old.accessKeyId(), "Inactive").containsEntry(recent.accessKeyId(), "Active");
    assertThat(second.get("findings").get(0).get("status").asText()).isEqualTo("already-compliant");
    scenario.assertOnlyUpdate(PlaybooksScenario.findingIdOf("IAM.3"), "RESOLVED",
        "IAM.3 already compliant, nothing changed");
  }

  @Test
  void deactivatesTheUnusedKeyAndRemovesTheIdleConsolePasswordButKeepsTheKeyUsedRecently()
      throws InterruptedException {
    AccessKey unused = scenario.iam.createAccessKey(r -> r.userName("deploy-bot")).accessKey();
    AccessKey used = scenario.iam.createAccessKey(r -> r.userName("deploy-bot")).accessKey();
    scenario.iam.createLoginProfile(r -> r.userName("deploy-bot").password("Correct-Horse-Battery-9"));
    Instant created = unused.createDate();
    Thread.sleep(2500);
    signInWith(used);
    Instant usedAt = scenario.iam.getAccessKeyLastUsed(r -> r.accessKeyId(used.accessKeyId())).accessKeyLastUsed()
        .lastUsedDate();
    assertThat(usedAt).as("moto records the use of a key").isAfter(created.plusSeconds(2));
    // 90 days and 1 s after the keys and the password were made: the used key was used since then.
    Clock clock = Clock.fixed(created.plus(Duration.ofDays(90)).plusSeconds(1), ZoneOffset.UTC);
    String event = PlaybooksScenario.customAction("IAM.8", "AwsIamUser", USER_ARN);

    JsonNode result = PlaybooksScenario.invoke(scenario.handler(PlaybooksScenario.config(), clock), event);

    assertThat(statuses()).containsExactlyInAnyOrderEntriesOf(Map.of(unused.accessKeyId(), "Inactive",
        used.accessKeyId(), "Active"));
    assertThat(hasLoginProfile()).isFalse();
    assertThat(result.get("findings").get(0).get("status").asText()).isEqualTo("remediated");
    scenario.assertOnlyUpdate(PlaybooksScenario.findingIdOf("IAM.8"), "RESOLVED",
        "IAM.8 remediated and verified: deactivate access key " + unused.accessKeyId()
            + " (never used, created 90 days ago); remove console password (never used, set 90 days ago; cannot be"
            + " undone, an administrator sets a new one)");

    scenario.forgetSecurityHubRequests();
    JsonNode second = PlaybooksScenario.invoke(scenario.handler(PlaybooksScenario.config(), clock), event);

    assertThat(statuses()).containsEntry(used.accessKeyId(), "Active");
    assertThat(second.get("findings").get(0).get("status").asText()).isEqualTo("already-compliant");
    scenario.assertOnlyUpdate(PlaybooksScenario.findingIdOf("IAM.8"), "RESOLVED",
        "IAM.8 already compliant, nothing changed");
  }

  @Test
  void aUserThatNoLongerExistsIsReportedNotFailed() {
    JsonNode result = scenario.invoke(PlaybooksScenario.customAction("IAM.3", "AwsIamUser",
        "arn:aws:iam::123456789012:user/gone"));

    assertThat(result.get("findings").get(0).get("status").asText()).isEqualTo("not-remediable");
    scenario.assertOnlyUpdate(PlaybooksScenario.findingIdOf("IAM.3"), "NOTIFIED",
        "IAM.3 not remediated: IAM user gone no longer exists");
  }

  private Map<String, String> statuses() {
    return scenario.iam.listAccessKeys(r -> r.userName("deploy-bot")).accessKeyMetadata().stream()
        .collect(Collectors.toMap(AccessKeyMetadata::accessKeyId, AccessKeyMetadata::statusAsString));
  }

  private boolean hasLoginProfile() {
    try {
      scenario.iam.getLoginProfile(r -> r.userName("deploy-bot"));
      return true;
    } catch (NoSuchEntityException e) {
      return false;
    }
  }

  /** A call signed with the user's key: moto records it as the key's last use. */
  private static void signInWith(AccessKey key) {
    try (IamClient asUser = IamClient.builder().region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key.accessKeyId(),
            key.secretAccessKey()))).build()) {
      asUser.getUser(r -> r.userName("deploy-bot"));
    }
  }
}
