package dev.responders.securityhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.responders.shared.error.ConfigurationException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The environment template.yaml gives the function, read once at init, every problem listed at once. */
class PlaybooksConfigTest {

  private static Map<String, String> environment() {
    Map<String, String> env = new HashMap<>(Map.of("REMEDIATE_ACTION_ID", "Remediate", "AUTO_REMEDIATE_CONTROLS", "",
        "DRY_RUN", "false", "EXEMPT_TAG_KEY", "responders:exempt", "MEMBER_ROLE_NAME", "responders-remediation",
        "CLOUDTRAIL_LOGS_ROLE_ARN", "", "ACCESS_LOG_BUCKET_NAME", "", "AWS_REGION", "us-east-1",
        "RESPONDERS_ACCOUNT_ID", "123456789012"));
    env.put("AWS_LAMBDA_FUNCTION_NAME", "stack-SecurityHubPlaybooksFunction-abc");
    env.put("JIRA_ACTION_ID", "SendToJira");
    env.put("PATCH_ACTION_ID", "PatchInstance");
    env.put("VPC_FLOW_LOGS_ROLE_ARN", "");
    env.put("JIRA_SECRET_NAME", "responders/jira");
    env.put("JIRA_PROJECT_KEY", "");
    return env;
  }

  @Test
  void readsTheDefaultsAsAutomaticModeOffAndNoOptionalParameters() {
    PlaybooksConfig config = PlaybooksConfig.fromEnvironment(environment());

    assertThat(config.autoRemediateControls()).isEmpty();
    assertThat(config.dryRun()).isFalse();
    assertThat(config.cloudTrailLogsRoleArn()).isNull();
    assertThat(config.accessLogBucketName()).isNull();
    assertThat(config.functionName()).isEqualTo("stack-SecurityHubPlaybooksFunction-abc");
    assertThat(config.vpcFlowLogsRoleArn()).isNull();
    assertThat(config.jiraProjectKey()).isNull();
    assertThat(config.actionId(FindingsEvent.Action.SEND_TO_JIRA)).isEqualTo("SendToJira");
    assertThat(config.actionId(FindingsEvent.Action.PATCH_INSTANCE)).isEqualTo("PatchInstance");
  }

  @Test
  void listsEveryProblemAtOnce() {
    Map<String, String> env = environment();
    env.put("AUTO_REMEDIATE_CONTROLS", "IAM.7,password");
    env.put("DRY_RUN", "yes");
    env.put("CLOUDTRAIL_LOGS_ROLE_ARN", "trail-role");
    env.remove("EXEMPT_TAG_KEY");
    env.put("PATCH_ACTION_ID", "Patch-Instance");
    env.put("VPC_FLOW_LOGS_ROLE_ARN", "flow-logs");
    env.put("JIRA_PROJECT_KEY", "sec");

    assertThatThrownBy(() -> PlaybooksConfig.fromEnvironment(env))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
            "DRY_RUN must be true or false, got 'yes'",
            "EXEMPT_TAG_KEY is not set",
            "AUTO_REMEDIATE_CONTROLS must list security control ids such as IAM.7, got 'password'",
            "CLOUDTRAIL_LOGS_ROLE_ARN must be an IAM role ARN, got 'trail-role'",
            "PATCH_ACTION_ID must be 1 to 20 letters or digits, got 'Patch-Instance'",
            "VPC_FLOW_LOGS_ROLE_ARN must be an IAM role ARN, got 'flow-logs'",
            "JIRA_PROJECT_KEY must be a Jira project key such as SEC, got 'sec'"));
  }
}
