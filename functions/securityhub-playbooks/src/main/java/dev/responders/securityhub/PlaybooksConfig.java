package dev.responders.securityhub;

import dev.responders.shared.aws.AccountScope;
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
 * @param actionId              the custom action's id ({@code Remediate}): events of other actions are not ours
 * @param autoRemediateControls the controls automatic mode may touch (imported findings); empty turns it off
 * @param dryRun                when true nothing in the account changes; notes say what would have been done
 * @param exemptTagKey          a resource carrying this tag is never remediated
 * @param memberRoleName        the role to assume in member accounts (used by part 2, cross-account; unused here)
 * @param cloudTrailLogsRoleArn the role CloudTrail delivers to CloudWatch Logs with (CloudTrail.5); null if unset
 * @param accessLogBucketName   the bucket receiving the trail bucket's access logs (CloudTrail.7); null if unset
 * @param scope                 the account and region the function acts in
 */
public record PlaybooksConfig(
    String functionName,
    String actionId,
    Set<String> autoRemediateControls,
    boolean dryRun,
    String exemptTagKey,
    String memberRoleName,
    String cloudTrailLogsRoleArn,
    String accessLogBucketName,
    AccountScope scope) {

  static final String DEFAULT_FUNCTION_NAME = "securityhub-playbooks";
  private static final Pattern BOOLEAN = Pattern.compile("true|false");
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final Pattern ACTION_ID = Pattern.compile("[A-Za-z0-9]{1,20}");
  private static final Pattern CONTROL_ID = Pattern.compile("[A-Za-z0-9]+\\.[0-9]+");
  private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+");
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  public static PlaybooksConfig fromEnvironment(Map<String, String> environment) {
    ConfigReader env = new ConfigReader(environment);
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
    PlaybooksConfig config = new PlaybooksConfig(
        env.optional("AWS_LAMBDA_FUNCTION_NAME", DEFAULT_FUNCTION_NAME),
        env.required("REMEDIATE_ACTION_ID", ACTION_ID, "1 to 20 letters or digits"),
        Set.copyOf(controls),
        "true".equals(env.required("DRY_RUN", BOOLEAN, "true or false")),
        env.required("EXEMPT_TAG_KEY"),
        env.required("MEMBER_ROLE_NAME"),
        logsRole,
        logBucket,
        new AccountScope(env.required("RESPONDERS_ACCOUNT_ID", ACCOUNT, "a 12-digit account id"),
            env.required("AWS_REGION")));
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
