package dev.responders.securityhub;

import dev.responders.shared.aws.AccountScope;
import dev.responders.shared.aws.Deployment;
import dev.responders.shared.aws.DeploymentMode;
import dev.responders.shared.config.ConfigReader;
import dev.responders.shared.error.ConfigurationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What template.yaml tells the function, read once at init.
 *
 * @param functionName          the {@code UpdatedBy} of every finding note ({@code AWS_LAMBDA_FUNCTION_NAME})
 * @param actionIds             the custom actions' ids ({@code Remediate}, {@code SendToJira}, {@code PatchInstance}):
 *                              events of other actions are not ours
 * @param autoRemediateControls the controls automatic mode may touch (imported findings); empty turns it off
 * @param dryRun                when true nothing in the account changes; notes say what would have been done
 * @param exemptTagKey          a resource carrying this tag is never remediated
 * @param deployment            single-account or organization mode, and the member role assumed in a member
 *                              account to act on its findings ({@code MEMBER_ROLE_NAME}, in both modes)
 * @param cloudTrailLogsRoleArn the role CloudTrail delivers to CloudWatch Logs with (CloudTrail.5); null if unset
 * @param accessLogBucketName   the bucket receiving the trail bucket's access logs (CloudTrail.7); null if unset
 * @param vpcFlowLogsRoleArn    the role VPC flow logs deliver to CloudWatch Logs with (EC2.6); null if unset
 * @param jiraSecretName        the Secrets Manager secret of the Jira site (SendToJira)
 * @param jiraProjectKey        the Jira project issues are created in; null if unset
 * @param scope                 the account and region the function acts in (its own role's)
 */
public record PlaybooksConfig(
    String functionName,
    Map<FindingsEvent.Action, String> actionIds,
    Set<String> autoRemediateControls,
    boolean dryRun,
    String exemptTagKey,
    Deployment deployment,
    String cloudTrailLogsRoleArn,
    String accessLogBucketName,
    String vpcFlowLogsRoleArn,
    String jiraSecretName,
    String jiraProjectKey,
    AccountScope scope) {

  static final String DEFAULT_FUNCTION_NAME = "securityhub-playbooks";
  private static final Pattern BOOLEAN = Pattern.compile("true|false");
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final Pattern ACTION_ID = Pattern.compile("[A-Za-z0-9]{1,20}");
  private static final Pattern CONTROL_ID = Pattern.compile("[A-Za-z0-9]+\\.[0-9]+");
  private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+");
  private static final Pattern PROJECT_KEY = Pattern.compile("[A-Z][A-Z0-9_]{1,9}");
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  /** The three custom actions' ids; an unset one is a problem of {@code env} and leaves no entry. */
  private static Map<FindingsEvent.Action, String> actionIds(ConfigReader env) {
    Map<FindingsEvent.Action, String> ids = new java.util.EnumMap<>(FindingsEvent.Action.class);
    Map.of(FindingsEvent.Action.REMEDIATE, "REMEDIATE_ACTION_ID", FindingsEvent.Action.SEND_TO_JIRA, "JIRA_ACTION_ID",
        FindingsEvent.Action.PATCH_INSTANCE, "PATCH_ACTION_ID").forEach((action, variable) -> {
          String id = env.required(variable, ACTION_ID, "1 to 20 letters or digits");
          if (id != null) {
            ids.put(action, id);
          }
        });
    return Map.copyOf(ids);
  }

  /** The custom action {@code action}'s id. */
  public String actionId(FindingsEvent.Action action) {
    return actionIds.get(action);
  }

  public static PlaybooksConfig fromEnvironment(Map<String, String> environment) {
    ConfigReader env = new ConfigReader(environment);
    Deployment deployment = Deployment.read(env);
    List<String> problems = new ArrayList<>();
    Set<String> controls = new LinkedHashSet<>();
    for (String control : Arrays.stream(env.optional("AUTO_REMEDIATE_CONTROLS", "").split(",")).map(String::strip)
        .filter(c -> !c.isEmpty()).toList()) {
      if (CONTROL_ID.matcher(control).matches()) {
        controls.add(control);
      } else {
        problems.add("AUTO_REMEDIATE_CONTROLS must list security control ids such as IAM.7, got '" + control + "'");
      }
    }
    String logsRole = env.optional("CLOUDTRAIL_LOGS_ROLE_ARN", null);
    if (logsRole != null && !ROLE_ARN.matcher(logsRole).matches()) {
      problems.add("CLOUDTRAIL_LOGS_ROLE_ARN must be an IAM role ARN, got '" + logsRole + "'");
    }
    String logBucket = env.optional("ACCESS_LOG_BUCKET_NAME", null);
    if (logBucket != null && !BUCKET.matcher(logBucket).matches()) {
      problems.add("ACCESS_LOG_BUCKET_NAME must be an S3 bucket name, got '" + logBucket + "'");
    }
    String flowLogsRole = env.optional("VPC_FLOW_LOGS_ROLE_ARN", null);
    if (flowLogsRole != null && !ROLE_ARN.matcher(flowLogsRole).matches()) {
      problems.add("VPC_FLOW_LOGS_ROLE_ARN must be an IAM role ARN, got '" + flowLogsRole + "'");
    }
    String projectKey = env.optional("JIRA_PROJECT_KEY", null);
    if (projectKey != null && !PROJECT_KEY.matcher(projectKey).matches()) {
      problems.add("JIRA_PROJECT_KEY must be a Jira project key such as SEC, got '" + projectKey + "'");
    }
    PlaybooksConfig config = new PlaybooksConfig(
        env.optional("AWS_LAMBDA_FUNCTION_NAME", DEFAULT_FUNCTION_NAME),
        actionIds(env),
        Set.copyOf(controls),
        "true".equals(env.required("DRY_RUN", BOOLEAN, "true or false")),
        env.required("EXEMPT_TAG_KEY"),
        deployment,
        logsRole,
        logBucket,
        flowLogsRole,
        env.required("JIRA_SECRET_NAME"),
        projectKey,
        new AccountScope(env.required("RESPONDERS_ACCOUNT_ID", ACCOUNT, "a 12-digit account id"),
            env.required("AWS_REGION"), deployment.mode() == null ? DeploymentMode.SINGLE_ACCOUNT : deployment.mode()));
    try {
      env.validate();
    } catch (ConfigurationException e) {
      problems.addAll(0, e.problems());
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    return config;
  }
}
