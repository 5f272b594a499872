package dev.responders.securityhub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.responders.tools.emulator.MotoExtension;
import dev.responders.tools.emulator.WireMockPeer;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PasswordPolicy;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;

/** IAM.7, IAM.11–17: the account password policy, merged and only ever strengthened. */
@ExtendWith({MotoExtension.class, WireMockPeer.class})
@WireMockPeer.ForService(SecurityHubClient.class)
class PasswordPolicyPlaybookIT {

  private static final String EVENT = PlaybooksScenario.sample("match/custom-action-consolidated.json");
  private static final String FINDING = PlaybooksScenario.findingId(EVENT, 0);

  private PlaybooksScenario scenario;

  @BeforeEach
  void seed(WireMockServer securityHub) {
    scenario = new PlaybooksScenario(securityHub);
  }

  @Test
  void strengthensAWeakPolicyKeepingWhatIsAlreadyStrongerThenChangesNothingOnTheSecondRun() {
    scenario.iam.updateAccountPasswordPolicy(r -> r.minimumPasswordLength(20).requireSymbols(false)
        .requireNumbers(true).maxPasswordAge(30).passwordReusePrevention(5).allowUsersToChangePassword(true)
        .hardExpiry(false));

    JsonNode result = scenario.invoke(EVENT);

    PasswordPolicy after = policy();
    assertThat(after.minimumPasswordLength()).as("a longer existing minimum stays").isEqualTo(20);
    assertThat(after.maxPasswordAge()).as("a shorter existing maximum age stays").isEqualTo(30);
    assertThat(after.passwordReusePrevention()).isEqualTo(24);
    assertThat(after.requireSymbols()).isTrue();
    assertThat(after.requireNumbers()).isTrue();
    assertThat(after.requireUppercaseCharacters()).isTrue();
    assertThat(after.requireLowercaseCharacters()).isTrue();
    assertThat(after.allowUsersToChangePassword()).isTrue();
    assertThat(after.hardExpiry()).isFalse();
    assertThat(result.get("status").asText()).isEqualTo("completed");
    assertThat(result.get("findings").get(0).get("status").asText()).isEqualTo("remediated");
    scenario.assertOnlyUpdate(FINDING, "RESOLVED", "IAM.7 remediated and verified: "
        + "RequireSymbols false -> true; RequireUppercaseCharacters false -> true;"
        + " RequireLowercaseCharacters false -> true; PasswordReusePrevention 5 -> 24");
    List<JsonNode> notifications = scenario.notifications();
    assertThat(notifications).hasSize(1);
    assertThat(PlaybooksScenario.outcome(notifications.get(0))).isEqualTo("remediated");
    assertThat(notifications.get(0).get("Subject").asText())
        .isEqualTo("Security Hub remediation: 1 of 1 findings resolved");

    scenario.forgetSecurityHubRequests();
    JsonNode second = scenario.invoke(EVENT);

    assertThat(policy()).isEqualTo(after);
    assertThat(second.get("changes")).as("mutations besides the finding update").hasSize(1);
    assertThat(second.get("findings").get(0).get("status").asText()).isEqualTo("already-compliant");
    scenario.assertOnlyUpdate(FINDING, "RESOLVED",
        "IAM.7 already compliant, nothing changed");
  }

  @Test
  void setsTheBenchmarkPolicyWhereTheAccountHasNone() {
    assertThat(hasPolicy()).isFalse();

    scenario.invoke(EVENT);

    PasswordPolicy after = policy();
    assertThat(after.minimumPasswordLength()).isEqualTo(14);
    assertThat(after.passwordReusePrevention()).isEqualTo(24);
    assertThat(after.maxPasswordAge()).isEqualTo(90);
    assertThat(after.hardExpiry()).as("hard expiry locks users out: never turned on").isFalse();
  }

  @Test
  void aDryRunChangesNothingAndSaysWhatItWouldHaveDone() {
    JsonNode result = PlaybooksScenario.invoke(scenario.handler(
        PlaybooksScenario.config(java.util.Set.of(), true, null, null), java.time.Clock.systemUTC()), EVENT);

    assertThat(hasPolicy()).isFalse();
    assertThat(result.get("dry_run").asBoolean()).isTrue();
    assertThat(result.get("findings").get(0).get("status").asText()).isEqualTo("would-remediate");
    assertThat(scenario.batchUpdates().get(0).get("Note").get("Text").asText())
        .startsWith("IAM.7 dry run (DryRun=true), nothing changed: would"
            + " MinimumPasswordLength 0 -> 14;");
    assertThat(scenario.batchUpdates().get(0).get("Workflow").get("Status").asText()).isEqualTo("NOTIFIED");
  }

  private PasswordPolicy policy() {
    return scenario.iam.getAccountPasswordPolicy().passwordPolicy();
  }

  private boolean hasPolicy() {
    try {
      policy();
      return true;
    } catch (NoSuchEntityException e) {
      return false;
    }
  }
}
