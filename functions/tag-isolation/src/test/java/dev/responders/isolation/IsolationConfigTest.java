package dev.responders.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.responders.shared.error.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IsolationConfigTest {

  @Test
  void readsTheEnvironmentTheTemplateSets() {
    IsolationConfig config = IsolationConfig.fromEnvironment(Map.of(
        "ISOLATION_TAG_KEY", "SecurityResponse",
        "ISOLATION_TAG_VALUE", "isolate",
        "ISOLATION_INSTANCE_PROFILE_NAME", "responders-isolation",
        "ISOLATION_STATUS_TAG_KEY", "SecurityResponseStatus",
        "ISOLATION_STATE_PARAMETER_PREFIX", "/responders/isolation",
        "ISOLATION_SNAPSHOT_VOLUMES", "false"));

    assertThat(config.stateParameterName("i-1")).isEqualTo("/responders/isolation/i-1");
    assertThat(config.snapshotVolumes()).isFalse();
    assertThat(config.instanceProfileName()).isEqualTo("responders-isolation");
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
        "ISOLATION_INSTANCE_PROFILE_NAME", "responders-isolation",
        "ISOLATION_STATUS_TAG_KEY", "SecurityResponse",
        "ISOLATION_STATE_PARAMETER_PREFIX", "/responders/isolation",
        "ISOLATION_SNAPSHOT_VOLUMES", "true")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("re-trigger");
  }
}
