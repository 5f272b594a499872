package dev.responders.shared.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.responders.shared.error.ConfigurationException;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {

  @Test
  void readsEveryRequiredVariable() {
    ConfigReader env = new ConfigReader(Map.of("A", "one", "B", "/x/y"));
    assertThat(env.required("A")).isEqualTo("one");
    assertThat(env.required("B", Pattern.compile("(/[a-z]+)+"), "a path")).isEqualTo("/x/y");
    assertThat(env.optional("C", "fallback")).isEqualTo("fallback");
    env.validate();
  }

  @Test
  void listsEveryMissingOrMalformedVariableAtOnce() {
    ConfigReader env = new ConfigReader(Map.of("BLANK", "  ", "PATH_LIKE", "no-slash"));
    env.required("MISSING");
    env.required("BLANK");
    env.required("PATH_LIKE", Pattern.compile("(/[a-z]+)+"), "an SSM path");

    assertThatThrownBy(env::validate)
        .isInstanceOf(ConfigurationException.class)
        .satisfies(e -> assertThat(((ConfigurationException) e).problems()).containsExactly(
            "MISSING is not set",
            "BLANK is not set",
            "PATH_LIKE must be an SSM path, got 'no-slash'"));
  }

  @Test
  void aValueWithSurroundingSpacesIsAProblemNotTrimmed() {
    ConfigReader env = new ConfigReader(Map.of("VALUE", "isolate ", "OTHER", " x"));
    env.required("VALUE");
    env.required("OTHER");

    assertThatThrownBy(env::validate)
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).containsExactly(
            "VALUE has leading or trailing white space: 'isolate '",
            "OTHER has leading or trailing white space: ' x'"));
  }
}
