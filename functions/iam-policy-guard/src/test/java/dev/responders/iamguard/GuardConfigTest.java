package dev.responders.iamguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.responders.shared.error.ConfigurationException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GuardConfigTest {

  private static Map<String, String> environment() {
    Map<String, String> env = new HashMap<>();
    env.put("RESTRICTED_ACTIONS", "s3:DeleteBucket,organizations:*");
    env.put("GUARD_ROLE_ARNS", "arn:aws:iam::123456789012:role/A,arn:aws:iam::123456789012:role/path/B");
    env.put("APPROVAL_STATE_MACHINE_ARN", "arn:aws:states:us-east-1:123456789012:stateMachine:approval");
    env.put("APPROVAL_TIMEOUT_HOURS", "24");
    env.put("GUARD_RECORD_PREFIX", "/responders/iam-policy-guard");
    env.put("RESPONDERS_ACCOUNT_ID", "123456789012");
    env.put("AWS_REGION", "us-east-1");
    return env;
  }

  @Test
  void readsTheTemplatesEnvironment() {
    GuardConfig config = GuardConfig.fromEnvironment(environment());
    assertThat(config.approvalTimeoutSeconds()).isEqualTo(86_400);
    assertThat(config.guardRoleArns()).hasSize(2);
    assertThat(config.restricted().patterns()).extracting(ActionPattern::text)
        .containsExactly("s3:deletebucket", "organizations:*");
  }

  @Test
  void everyProblemIsListedAtOnce() {
    Map<String, String> env = environment();
    env.put("RESTRICTED_ACTIONS", "s3:DeleteBucket, organizations:*");
    env.put("GUARD_ROLE_ARNS", "IamPolicyGuardFunctionRole");
    env.put("APPROVAL_TIMEOUT_HOURS", "0");
    env.remove("APPROVAL_STATE_MACHINE_ARN");
    assertThatThrownBy(() -> GuardConfig.fromEnvironment(env)).isInstanceOf(ConfigurationException.class)
        .satisfies(e -> assertThat(((ConfigurationException) e).problems()).hasSize(4));
  }

  @Test
  void aTimeoutBeyondWhatStepFunctionsWaitsIsRefused() {
    Map<String, String> env = environment();
    env.put("APPROVAL_TIMEOUT_HOURS", "9000");
    assertThatThrownBy(() -> GuardConfig.fromEnvironment(env)).hasMessageContaining("at most 8760");
  }

  @Test
  void theDecisionFunctionNeedsItsKeyUrlAndTheAccountItActsIn() {
    assertThatThrownBy(() -> ApprovalConfig.forDecisions(Map.of("GUARD_RECORD_PREFIX", "/x")))
        .isInstanceOf(ConfigurationException.class)
        .satisfies(e -> assertThat(((ConfigurationException) e).problems())
            .containsExactly("APPROVAL_KEY_ID is not set", "APPROVAL_URL is not set",
                "RESPONDERS_ACCOUNT_ID is not set", "AWS_REGION is not set"));
  }

  @Test
  void organizationModeNeedsTheOrganizationAndActsThroughTheMemberRole() {
    Map<String, String> env = environment();
    env.put("DEPLOYMENT_MODE", "organization");
    assertThatThrownBy(() -> GuardConfig.fromEnvironment(env)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("ORGANIZATION_ID");
    env.put("ORGANIZATION_ID", "o-abc1234567");

    GuardConfig config = GuardConfig.fromEnvironment(env);

    assertThat(config.deployment().organization()).isTrue();
    assertThat(config.deployment().memberRoleName()).isEqualTo("responders-remediation");
    assertThat(config.scope().mode()).isEqualTo(dev.responders.shared.aws.DeploymentMode.ORGANIZATION);
    assertThat(GuardConfig.fromEnvironment(environment()).deployment().organization()).as("the default").isFalse();
  }
}
