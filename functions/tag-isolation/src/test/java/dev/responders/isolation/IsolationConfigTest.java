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
    IsolationConfig config = IsolationConfig.fromEnvironment(Map.of(
        "ISOLATION_TAG_KEY", "SecurityResponse",
        "ISOLATION_TAG_VALUE", "isolate",
        "ISOLATION_RELEASE_TAG_VALUE", "release",
        "ISOLATION_INSTANCE_PROFILE_NAME", "responders-isolation",
        "ISOLATION_STATUS_TAG_KEY", "SecurityResponseStatus",
        "ISOLATION_STATE_PARAMETER_PREFIX", "/responders/isolation",
        "ISOLATION_SNAPSHOT_VOLUMES", "false",
        "ISOLATION_RECORD_KEY_ID", "alias/aws-event-responders/isolation-records",
        "RESPONDERS_ACCOUNT_ID", "123456789012",
        "AWS_REGION", "eu-west-1"));

    assertThat(config.stateParameterName("i-1")).isEqualTo("/responders/isolation/i-1");
    assertThat(config.snapshotVolumes()).isFalse();
    assertThat(config.instanceProfileName()).isEqualTo("responders-isolation");
    assertThat(config.scope()).isEqualTo(new AccountScope("123456789012", "eu-west-1"));
  }

  @Test
  void refusesATagKeyOfAwsOrATagValueWithSurroundingSpaces() {
    assertThatThrownBy(() -> IsolationConfig.fromEnvironment(Map.of(
        "ISOLATION_TAG_KEY", "aws:isolate",
        "ISOLATION_TAG_VALUE", "isolate ",
        "ISOLATION_RELEASE_TAG_VALUE", "release",
        "ISOLATION_INSTANCE_PROFILE_NAME", "responders-isolation",
        "ISOLATION_STATUS_TAG_KEY", "SecurityResponseStatus",
        "ISOLATION_STATE_PARAMETER_PREFIX", "/responders/isolation",
        "ISOLATION_SNAPSHOT_VOLUMES", "true",
        "ISOLATION_RECORD_KEY_ID", "alias/k",
        "RESPONDERS_ACCOUNT_ID", "123456789012",
        "AWS_REGION", "eu-west-1")))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).containsExactly(
            "ISOLATION_TAG_KEY must be an EC2 tag key of at most 122 characters, not starting aws:, got 'aws:isolate'",
            "ISOLATION_TAG_VALUE has leading or trailing white space: 'isolate '"));
  }

  @Test
  void failsAtInitNamingEveryMissingVariable() {
    assertThatThrownBy(() -> IsolationConfig.fromEnvironment(Map.of(
        "ISOLATION_TAG_KEY", "SecurityResponse",
        "ISOLATION_STATE_PARAMETER_PREFIX", "responders",
        "ISOLATION_SNAPSHOT_VOLUMES", "yes")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("ISOLATION_TAG_VALUE is not set")
        .hasMessageContaining("ISOLATION_INSTANCE_PROFILE_NAME is not set")
        .hasMessageContaining("ISOLATION_STATUS_TAG_KEY is not set")
        .hasMessageContaining("ISOLATION_STATE_PARAMETER_PREFIX must be an SSM path")
        .hasMessageContaining("ISOLATION_SNAPSHOT_VOLUMES must be true or false, got 'yes'");
  }

  @Test
  void refusesAStatusKeyThatWouldRetriggerTheRule() {
    assertThatThrownBy(() -> IsolationConfig.fromEnvironment(Map.of(
        "ISOLATION_TAG_KEY", "SecurityResponse",
        "ISOLATION_TAG_VALUE", "isolate",
        "ISOLATION_RELEASE_TAG_VALUE", "release",
        "ISOLATION_INSTANCE_PROFILE_NAME", "responders-isolation",
        "ISOLATION_STATUS_TAG_KEY", "SecurityResponse",
        "ISOLATION_STATE_PARAMETER_PREFIX", "/responders/isolation",
        "ISOLATION_SNAPSHOT_VOLUMES", "true",
        "ISOLATION_RECORD_KEY_ID", "alias/k",
        "RESPONDERS_ACCOUNT_ID", "123456789012",
        "AWS_REGION", "eu-west-1")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("re-trigger");
  }

  @Test
  void refusesAReleaseValueEqualToTheIsolationValue() {
    assertThatThrownBy(() -> IsolationConfig.fromEnvironment(Map.of(
        "ISOLATION_TAG_KEY", "SecurityResponse",
        "ISOLATION_TAG_VALUE", "isolate",
        "ISOLATION_RELEASE_TAG_VALUE", "isolate",
        "ISOLATION_INSTANCE_PROFILE_NAME", "responders-isolation",
        "ISOLATION_STATUS_TAG_KEY", "SecurityResponseStatus",
        "ISOLATION_STATE_PARAMETER_PREFIX", "/responders/isolation",
        "ISOLATION_SNAPSHOT_VOLUMES", "true",
        "ISOLATION_RECORD_KEY_ID", "alias/k",
        "RESPONDERS_ACCOUNT_ID", "123456789012",
        "AWS_REGION", "eu-west-1")))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).singleElement()
            .asString().contains("ISOLATION_RELEASE_TAG_VALUE must differ from ISOLATION_TAG_VALUE"));
  }
}
