package dev.responders.isolation;

import dev.responders.shared.aws.AccountScope;
import dev.responders.shared.aws.Deployment;
import dev.responders.shared.aws.DeploymentMode;
import dev.responders.shared.config.ConfigReader;
import dev.responders.shared.error.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What template.yaml tells the function, read once at init.
 *
 * @param tagKey                the tag a responder applies to ask for isolation
 * @param tagValue              the value that means "isolate"
 * @param releaseTagValue       the value of the same tag that means "release": restore what was recorded
 * @param instanceProfileName   the deny-all instance profile put on isolated instances
 * @param statusTagKey          where the outcome is written on the instance; not the trigger key, so the
 *                              handler's own tagging never matches the rule again
 * @param stateParameterPrefix  SSM path under which each instance's isolation record is kept
 * @param snapshotVolumes       whether to snapshot every attached volume as evidence
 * @param cutTrackedConnections whether each interface gets the all-traffic group just before the deny-all one,
 *                              so connections already tracked are cut too
 * @param revokeRoleSessions    whether the old role denies this instance's sessions issued before the isolation
 * @param disableInstanceMetadata whether the instance metadata endpoint is turned off at isolation (and its
 *                              options recorded, so the release restores them)
 * @param recordKeyId           the KMS HMAC key that seals the records, usable only by the suite
 * @param scope                 the account and region the function acts in (any member's in organization mode)
 * @param deployment            single-account or organization mode, and the member role ({@code DEPLOYMENT_MODE},
 *                              {@code MEMBER_ROLE_NAME}, {@code ORGANIZATION_ID})
 */
public record IsolationConfig(
    String tagKey,
    String tagValue,
    String releaseTagValue,
    String instanceProfileName,
    String statusTagKey,
    String stateParameterPrefix,
    boolean snapshotVolumes,
    boolean cutTrackedConnections,
    boolean revokeRoleSessions,
    boolean disableInstanceMetadata,
    String recordKeyId,
    AccountScope scope,
    Deployment deployment) {

  /** A single-account configuration. */
  public IsolationConfig(String tagKey, String tagValue, String releaseTagValue, String instanceProfileName,
      String statusTagKey, String stateParameterPrefix, boolean snapshotVolumes, boolean cutTrackedConnections,
      boolean revokeRoleSessions, boolean disableInstanceMetadata, String recordKeyId, AccountScope scope) {
    this(tagKey, tagValue, releaseTagValue, instanceProfileName, statusTagKey, stateParameterPrefix, snapshotVolumes,
        cutTrackedConnections, revokeRoleSessions, disableInstanceMetadata, recordKeyId, scope,
        Deployment.SINGLE_ACCOUNT);
  }

  private static final Pattern BOOLEAN = Pattern.compile("true|false");
  private static final Pattern PARAMETER_PATH = Pattern.compile("(/[A-Za-z0-9_.\\-]+)+");
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  /** EC2 tag characters; the trigger key may not be one of AWS's own ({@code aws:}). */
  private static final Pattern TAG_KEY = Pattern.compile("(?!aws:)[\\p{L}\\p{N} _.:/=+\\-@]{1,122}");

  public static IsolationConfig fromEnvironment(Map<String, String> environment) {
    ConfigReader env = new ConfigReader(environment);
    Deployment deployment = Deployment.read(env);
    IsolationConfig config = new IsolationConfig(
        env.required("ISOLATION_TAG_KEY", TAG_KEY, "an EC2 tag key of at most 122 characters, not starting aws:"),
        env.required("ISOLATION_TAG_VALUE"),
        env.required("ISOLATION_RELEASE_TAG_VALUE"),
        env.required("ISOLATION_INSTANCE_PROFILE_NAME"),
        env.required("ISOLATION_STATUS_TAG_KEY"),
        env.required("ISOLATION_STATE_PARAMETER_PREFIX", PARAMETER_PATH, "an SSM path such as /responders/isolation"),
        "true".equals(env.required("ISOLATION_SNAPSHOT_VOLUMES", BOOLEAN, "true or false")),
        "true".equals(env.required("ISOLATION_CUT_TRACKED_CONNECTIONS", BOOLEAN, "true or false")),
        "true".equals(env.required("ISOLATION_REVOKE_ROLE_SESSIONS", BOOLEAN, "true or false")),
        "true".equals(env.required("ISOLATION_DISABLE_INSTANCE_METADATA", BOOLEAN, "true or false")),
        env.required("ISOLATION_RECORD_KEY_ID"),
        new AccountScope(env.required("RESPONDERS_ACCOUNT_ID", ACCOUNT, "a 12-digit account id"),
            env.required("AWS_REGION"), deployment.mode() == null ? DeploymentMode.SINGLE_ACCOUNT : deployment.mode()),
        deployment);
    env.validate();
    List<String> problems = new ArrayList<>();
    if (config.statusTagKey.equals(config.tagKey)) {
      problems.add("ISOLATION_STATUS_TAG_KEY must differ from ISOLATION_TAG_KEY, or the status tag would re-trigger"
          + " isolation");
    }
    if (config.releaseTagValue.equals(config.tagValue)) {
      problems.add("ISOLATION_RELEASE_TAG_VALUE must differ from ISOLATION_TAG_VALUE, or one tag would ask for"
          + " isolation and release at once");
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    return config;
  }

  /** The SSM parameter that holds an instance's isolation record. */
  public String stateParameterName(String instanceId) {
    return stateParameterPrefix + "/" + instanceId;
  }
}
