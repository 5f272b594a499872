package dev.responders.bluegreen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.responders.shared.aws.AccountScope;
import dev.responders.shared.error.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlueGreenConfigTest {

  @Test
  void theCodeDeployTriggerIsOffWhenApplicationAndGroupAreEmpty() {
    BlueGreenConfig config = BlueGreenConfig.fromEnvironment(Map.of("BLUEGREEN_PARAMETER_NAME", "/bluegreen/live",
        "BLUEGREEN_CODEDEPLOY_APPLICATION", "", "BLUEGREEN_CODEDEPLOY_DEPLOYMENT_GROUP", "",
        "RESPONDERS_ACCOUNT_ID", "123456789012", "AWS_REGION", "eu-west-1"));

    assertThat(config).isEqualTo(new BlueGreenConfig("/bluegreen/live", null, null,
        new AccountScope("123456789012", "eu-west-1")));
    assertThat(config.codeDeployTrigger()).isFalse();
  }

  @Test
  void aMissingOrMalformedParameterNameFailsAtInit() {
    assertThatThrownBy(() -> BlueGreenConfig.fromEnvironment(Map.of()))
        .isInstanceOfSatisfying(ConfigurationException.class, e ->
            assertThat(e.problems()).containsExactly("BLUEGREEN_PARAMETER_NAME is not set",
                "RESPONDERS_ACCOUNT_ID is not set", "AWS_REGION is not set"));
    assertThatThrownBy(() -> BlueGreenConfig.fromEnvironment(Map.of("BLUEGREEN_PARAMETER_NAME", "live",
        "RESPONDERS_ACCOUNT_ID", "123456789012", "AWS_REGION", "eu-west-1")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("an SSM parameter path");
  }

  @Test
  void anApplicationWithoutItsGroupIsRefused() {
    assertThatThrownBy(() -> BlueGreenConfig.fromEnvironment(Map.of("BLUEGREEN_PARAMETER_NAME", "/bluegreen/live",
        "BLUEGREEN_CODEDEPLOY_APPLICATION", "bluegreen-app", "RESPONDERS_ACCOUNT_ID", "123456789012",
        "AWS_REGION", "eu-west-1")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("must both be set");
  }
}
