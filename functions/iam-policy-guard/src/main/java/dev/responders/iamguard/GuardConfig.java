package dev.responders.iamguard;

import dev.responders.shared.aws.AccountScope;
import dev.responders.shared.aws.Deployment;
import dev.responders.shared.aws.DeploymentMode;
import dev.responders.shared.config.ConfigReader;
import dev.responders.shared.error.ConfigurationException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What template.yaml tells the guard, read once at init.
 *
 * @param restricted      the actions a policy may grant only after approval ({@code RestrictedActions})
 * @param guardRoleArns   the suite's own roles that change policies (guard, decision): their calls are never judged
 * @param stateMachineArn the approval workflow
 * @param approvalTimeoutSeconds how long the administrator has to decide; then the held version is discarded
 * @param recordPrefix    SSM path of the guard's records (versions deleted to make room, approvals)
 * @param scope           the account the guard acts in (IAM is global; the region is where events arrive); in
 *                        organization mode its home account, the guard acting in every account of the organization
 * @param deployment      single-account or organization mode, and the member role it acts through in the others
 */
record GuardConfig(
    RestrictedActions restricted,
    Set<String> guardRoleArns,
    String stateMachineArn,
    long approvalTimeoutSeconds,
    String recordPrefix,
    AccountScope scope,
    Deployment deployment) {

  /** A single-account configuration. */
  GuardConfig(RestrictedActions restricted, Set<String> guardRoleArns, String stateMachineArn,
      long approvalTimeoutSeconds, String recordPrefix, AccountScope scope) {
    this(restricted, guardRoleArns, stateMachineArn, approvalTimeoutSeconds, recordPrefix, scope,
        Deployment.SINGLE_ACCOUNT);
  }

  private static final Pattern ACTIONS = Pattern.compile("[A-Za-z0-9*?-]+:[A-Za-z0-9*?]+(,[A-Za-z0-9*?-]+:[A-Za-z0-9*?]+)*"
      + "|\\*");
  private static final Pattern ROLE_ARNS = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+"
      + "(,arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+)*");
  private static final Pattern HOURS = Pattern.compile("[1-9][0-9]{0,3}");
  static final Pattern PARAMETER_PATH = Pattern.compile("(/[A-Za-z0-9_.\\-]+)+");
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final Pattern STATE_MACHINE = Pattern.compile("arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:stateMachine:.+");

  static GuardConfig fromEnvironment(Map<String, String> environment) {
    ConfigReader env = new ConfigReader(environment);
    Deployment deployment = Deployment.read(env);
    String actions = env.required("RESTRICTED_ACTIONS", ACTIONS,
        "a comma-separated list of IAM actions such as s3:DeleteBucket,organizations:*");
    String roles = env.required("GUARD_ROLE_ARNS", ROLE_ARNS, "a comma-separated list of IAM role ARNs");
    String stateMachine = env.required("APPROVAL_STATE_MACHINE_ARN", STATE_MACHINE, "a Step Functions state machine ARN");
    String hours = env.required("APPROVAL_TIMEOUT_HOURS", HOURS, "a whole number of hours from 1 to 9999");
    String prefix = env.required("GUARD_RECORD_PREFIX", PARAMETER_PATH, "an SSM path such as /responders/iam-policy-guard");
    String account = env.required("RESPONDERS_ACCOUNT_ID", ACCOUNT, "a 12-digit account id");
    String region = env.required("AWS_REGION");
    env.validate();
    long seconds = Long.parseLong(hours) * 3600;
    // Step Functions waits for a task token at most a year.
    if (seconds > 365L * 24 * 3600) {
      throw new ConfigurationException(List.of("APPROVAL_TIMEOUT_HOURS must be at most 8760 (a year), got " + hours));
    }
    return new GuardConfig(RestrictedActions.parse(actions),
        Arrays.stream(roles.split(",")).collect(Collectors.toUnmodifiableSet()), stateMachine, seconds, prefix,
        new AccountScope(account, region, deployment.organization() ? DeploymentMode.ORGANIZATION
            : DeploymentMode.SINGLE_ACCOUNT), deployment);
  }
}
