package dev.responders.shared.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.responders.shared.config.ConfigReader;
import dev.responders.shared.error.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploymentTest {

  private static Deployment read(Map<String, String> environment) {
    ConfigReader env = new ConfigReader(environment);
    Deployment deployment = Deployment.read(env);
    env.validate();
    return deployment;
  }

  @Test
  void singleAccountIsTheDefault() {
    assertThat(read(Map.of())).isEqualTo(Deployment.SINGLE_ACCOUNT);
    assertThat(Deployment.SINGLE_ACCOUNT.memberRoleName()).isEqualTo("responders-remediation");
  }

  @Test
  void organizationModeReadsItsOrganizationAndRole() {
    assertThat(read(Map.of("DEPLOYMENT_MODE", "organization", "ORGANIZATION_ID", "o-abc1234567",
        "MEMBER_ROLE_NAME", "security-remediation")))
        .isEqualTo(new Deployment(DeploymentMode.ORGANIZATION, "security-remediation", "o-abc1234567"));
  }

  @Test
  void everyMalformedVariableIsNamedAtOnce() {
    assertThatThrownBy(() -> read(Map.of("DEPLOYMENT_MODE", "Organization", "MEMBER_ROLE_NAME", "role/with/path")))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).containsExactly(
            "DEPLOYMENT_MODE must be single-account or organization, got 'Organization'",
            "MEMBER_ROLE_NAME must be an IAM role name (1 to 64 of letters, digits and +=,.@_-), got 'role/with/path'"));
  }

  @Test
  void organizationModeNeedsItsOrganizationId() {
    assertThatThrownBy(() -> read(Map.of("DEPLOYMENT_MODE", "organization")))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems())
            .containsExactly("ORGANIZATION_ID is not set"));
    assertThatThrownBy(() -> read(Map.of("DEPLOYMENT_MODE", "organization", "ORGANIZATION_ID", "123456789012")))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).containsExactly(
            "ORGANIZATION_ID must be an organization id such as o-abc1234567, got '123456789012'"));
  }
}
