package dev.responders.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.responders.shared.error.ConfigurationException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GlueFixerConfigTest {

  private static Map<String, String> environment(String names) {
    Map<String, String> env = new HashMap<>(Map.of("RESPONDERS_ACCOUNT_ID", "123456789012", "AWS_REGION", "us-east-1"));
    if (names != null) {
      env.put("GLUE_DATABASE_NAMES", names);
    }
    return env;
  }

  @Test
  void noDatabaseNamedCoversEveryDatabase() {
    GlueFixerConfig config = GlueFixerConfig.fromEnvironment(environment(""));
    assertThat(config.databases()).isEmpty();
    assertThat(config.covers("anything")).isTrue();
    assertThat(GlueFixerConfig.fromEnvironment(environment(null)).covers("anything")).isTrue();
  }

  @Test
  void namedDatabasesAreTheOnlyOnesCovered() {
    GlueFixerConfig config = GlueFixerConfig.fromEnvironment(environment("dynamodb_exports,analytics"));
    assertThat(config.covers("analytics")).isTrue();
    assertThat(config.covers("dynamodb_exports")).isTrue();
    assertThat(config.covers("sales")).isFalse();
    assertThat(config.scope().account()).isEqualTo("123456789012");
  }

  @ParameterizedTest(name = "''{0}'' is refused at init")
  @ValueSource(strings = {"a, b", " a", "a,", "Sales", "a,,b"})
  void aListTheRuleCouldNotMatchIsRefusedAtInit(String names) {
    assertThatThrownBy(() -> GlueFixerConfig.fromEnvironment(environment(names)))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("GLUE_DATABASE_NAMES");
  }

  @Test
  void everyMissingVariableIsNamedAtOnce() {
    assertThatThrownBy(() -> GlueFixerConfig.fromEnvironment(Map.of()))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("RESPONDERS_ACCOUNT_ID")
        .hasMessageContaining("AWS_REGION");
  }
}
