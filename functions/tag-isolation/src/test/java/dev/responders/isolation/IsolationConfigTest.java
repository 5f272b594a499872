package dev.responders.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.responders.shared.aws.AccountScope;
import dev.responders.shared.error.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IsolationConfigTest {

  @Test
  void readsTheEnvironmentTheTemplateSets() {
    IsolationConfig config = IsolationConfig.fromEnvironment(Map.ofEntries(
        Map.entry("ISOLATION_TAG_KEY", "SecurityResponse"),
        Map.entry("ISOLATION_TAG_VALUE", "isolate"),
        Map.entry("ISOLATION_RELEASE_TAG_VALUE", "release"),
        Map.entry("ISOLATION_INSTANCE_PROFILE_NAME", "responders-isolation"),
        Map.entry("ISOLATION_STATUS_TAG_KEY", "SecurityResponseStatus"),
        Map.entry("ISOLATION_STATE_PARAMETER_PREFIX", "/responders/isolation"),
        Map.entry("ISOLATION_SNAPSHOT_VOLUMES", "false"),
        Map.entry("ISOLATION_CUT_TRACKED_CONNECTIONS", "false"),
        Map.entry("ISOLATION_REVOKE_ROLE_SESSIONS", "true"),
        Map.entry("ISOLATION_DISABLE_INSTANCE_METADATA", "true"),
        Map.entry("ISOLATION_RECORD_KEY_ID", "alias/aws-event-responders/isolation-records"),
        Map.entry("RESPONDERS_ACCOUNT_ID", "123456789012"),
        Map.entry("AWS_REGION", "eu-west-1")));

    assertThat(config.stateParameterName("i-1")).isEqualTo("/responders/isolation/i-1");
    assertThat(config.snapshotVolumes()).isFalse();
    assertThat(config.cutTrackedConnections()).isFalse();
    assertThat(config.revokeRoleSessions()).isTrue();
    assertThat(config.disableInstanceMetadata()).isTrue();
    assertThat(config.instanceProfileName()).isEqualTo("responders-isolation");
    assertThat(config.scope()).isEqualTo(new AccountScope("123456789012", "eu-west-1"));
  }

  @Test
  void refusesATagKeyOfAwsOrATagValueWithSurroundingSpaces() {
    assertThatThrownBy(() -> IsolationConfig.fromEnvironment(Map.ofEntries(
        Map.entry("ISOLATION_TAG_KEY", "aws:isolate"),
        Map.entry("ISOLATION_TAG_VALUE", "isolate "),
        Map.entry("ISOLATION_RELEASE_TAG_VALUE", "release"),
        Map.entry("ISOLATION_INSTANCE_PROFILE_NAME", "responders-isolation"),
        Map.entry("ISOLATION_STATUS_TAG_KEY", "SecurityResponseStatus"),
        Map.entry("ISOLATION_STATE_PARAMETER_PREFIX", "/responders/isolation"),
        Map.entry("ISOLATION_SNAPSHOT_VOLUMES", "true"),
        Map.entry("ISOLATION_CUT_TRACKED_CONNECTIONS", "true"),
        Map.entry("ISOLATION_REVOKE_ROLE_SESSIONS", "false"),
        Map.entry("ISOLATION_DISABLE_INSTANCE_METADATA", "false"),
        Map.entry("ISOLATION_RECORD_KEY_ID", "alias/k"),
        Map.entry("RESPONDERS_ACCOUNT_ID", "123456789012"),
        Map.entry("AWS_REGION", "eu-west-1"))))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).containsExactly(
            "ISOLATION_TAG_KEY must be an EC2 tag key of at most 122 characters, not starting aws:, got 'aws:isolate'",
            "ISOLATION_TAG_VALUE has leading or trailing white space: 'isolate '"));
  }

  @Test
  void failsAtInitNamingEveryMissingVariable() {
    assertThatThrownBy(() -> IsolationConfig.fromEnvironment(Map.ofEntries(
        Map.entry("ISOLATION_TAG_KEY", "SecurityResponse"),
        Map.entry("ISOLATION_STATE_PARAMETER_PREFIX", "responders"),
        Map.entry("ISOLATION_SNAPSHOT_VOLUMES", "yes"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("ISOLATION_TAG_VALUE is not set")
        .hasMessageContaining("ISOLATION_INSTANCE_PROFILE_NAME is not set")
        .hasMessageContaining("ISOLATION_STATUS_TAG_KEY is not set")
        .hasMessageContaining("ISOLATION_STATE_PARAMETER_PREFIX must be an SSM path")
        .hasMessageContaining("ISOLATION_SNAPSHOT_VOLUMES must be true or false, got 'yes'");
  }

  @Test
  void refusesAStatusKeyThatWouldRetriggerTheRule() {
    assertThatThrownBy(() -> IsolationConfig.fromEnvironment(Map.ofEntries(
        Map.entry("ISOLATION_TAG_KEY", "SecurityResponse"),
        Map.entry("ISOLATION_TAG_VALUE", "isolate"),
        Map.entry("ISOLATION_RELEASE_TAG_VALUE", "release"),
        Map.entry("ISOLATION_INSTANCE_PROFILE_NAME", "responders-isolation"),
        Map.entry("ISOLATION_STATUS_TAG_KEY", "SecurityResponse"),
        Map.entry("ISOLATION_STATE_PARAMETER_PREFIX", "/responders/isolation"),
        Map.entry("ISOLATION_SNAPSHOT_VOLUMES", "true"),
        Map.entry("ISOLATION_CUT_TRACKED_CONNECTIONS", "true"),
        Map.entry("ISOLATION_REVOKE_ROLE_SESSIONS", "false"),
        Map.entry("ISOLATION_DISABLE_INSTANCE_METADATA", "false"),
        Map.entry("ISOLATION_RECORD_KEY_ID", "alias/k"),
        Map.entry("RESPONDERS_ACCOUNT_ID", "123456789012"),
        Map.entry("AWS_REGION", "eu-west-1"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("re-trigger");
  }

  @Test
  void refusesAReleaseValueEqualToTheIsolationValue() {
    assertThatThrownBy(() -> IsolationConfig.fromEnvironment(Map.ofEntries(
        Map.entry("ISOLATION_TAG_KEY", "SecurityResponse"),
        Map.entry("ISOLATION_TAG_VALUE", "isolate"),
        Map.entry("ISOLATION_RELEASE_TAG_VALUE", "isolate"),
        Map.entry("ISOLATION_INSTANCE_PROFILE_NAME", "responders-isolation"),
        Map.entry("ISOLATION_STATUS_TAG_KEY", "SecurityResponseStatus"),
        Map.entry("ISOLATION_STATE_PARAMETER_PREFIX", "/responders/isolation"),
        Map.entry("ISOLATION_SNAPSHOT_VOLUMES", "true"),
        Map.entry("ISOLATION_CUT_TRACKED_CONNECTIONS", "true"),
        Map.entry("ISOLATION_REVOKE_ROLE_SESSIONS", "false"),
        Map.entry("ISOLATION_DISABLE_INSTANCE_METADATA", "false"),
        Map.entry("ISOLATION_RECORD_KEY_ID", "alias/k"),
        Map.entry("RESPONDERS_ACCOUNT_ID", "123456789012"),
        Map.entry("AWS_REGION", "eu-west-1"))))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).singleElement()
            .asString().contains("ISOLATION_RELEASE_TAG_VALUE must differ from ISOLATION_TAG_VALUE"));
  }
}
