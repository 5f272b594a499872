package dev.responders.isolation;

import dev.responders.shared.config.ConfigReader;
import dev.responders.shared.error.ConfigurationException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What template.yaml tells the function, read once at init.
 *
 * @param tagKey                the tag a responder applies to ask for isolation
 * @param tagValue              the value that means "isolate"
 * @param instanceProfileName   the deny-all instance profile put on isolated instances
 * @param statusTagKey          where the outcome is written on the instance; not the trigger key, so the
 *                              handler's own tagging never matches the rule again
 * @param stateParameterPrefix  SSM path under which the pre-isolation state of each instance is kept
 * @param snapshotVolumes       whether to snapshot every attached volume as evidence
 */
public record IsolationConfig(
    String tagKey,
    String tagValue,
    String instanceProfileName,
    String statusTagKey,
    String stateParameterPrefix,
    boolean snapshotVolumes) {

  private static final Pattern BOOLEAN = Pattern.compile("true|false");
  private static final Pattern PARAMETER_PATH = Pattern.compile("(/[A-Za-z0-9_.\\-]+)+");

  public static IsolationConfig fromEnvironment(Map<String, String> environment) {
    ConfigReader env = new ConfigReader(environment);
    IsolationConfig config = new IsolationConfig(
        env.required("ISOLATION_TAG_KEY"),
        env.required("ISOLATION_TAG_VALUE"),
        env.required("ISOLATION_INSTANCE_PROFILE_NAME"),
        env.required("ISOLATION_STATUS_TAG_KEY"),
        env.required("ISOLATION_STATE_PARAMETER_PREFIX", PARAMETER_PATH, "an SSM path such as /responders/isolation"),
        "true".equals(env.required("ISOLATION_SNAPSHOT_VOLUMES", BOOLEAN, "true or false")));
    env.validate();
    if (config.statusTagKey.equals(config.tagKey)) {
      throw new ConfigurationException(List.of(
          "ISOLATION_STATUS_TAG_KEY must differ from ISOLATION_TAG_KEY, or the status tag would re-trigger isolation"));
    }
    return config;
  }

  /** The SSM parameter that records an instance's state before isolation. */
  public String stateParameterName(String instanceId) {
    return stateParameterPrefix + "/" + instanceId;
  }
}
