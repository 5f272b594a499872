package dev.responders.bluegreen;

import dev.responders.shared.aws.AccountScope;
import dev.responders.shared.config.ConfigReader;
import dev.responders.shared.error.ConfigurationException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What template.yaml tells the function, read once at init.
 *
 * @param parameterName             the marker parameter a job uses when its UserParameters name none, and the one
 *                                  a CodeDeploy deployment flips
 * @param codeDeployApplication     the CodeDeploy application whose successful deployments flip the marker, or
 *                                  null when that trigger is off
 * @param codeDeployDeploymentGroup its deployment group, or null when that trigger is off
 * @param scope                     the account and region whose marker this function sets
 */
public record BlueGreenConfig(String parameterName, String codeDeployApplication, String codeDeployDeploymentGroup,
    AccountScope scope) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.+\\-]{1,100}");
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

  public static BlueGreenConfig fromEnvironment(Map<String, String> environment) {
    ConfigReader env = new ConfigReader(environment);
    String parameter = env.required("BLUEGREEN_PARAMETER_NAME", FlipRequest.PARAMETER_NAME,
        "an SSM parameter path such as /bluegreen/live");
    String application = env.optional("BLUEGREEN_CODEDEPLOY_APPLICATION", null);
    String group = env.optional("BLUEGREEN_CODEDEPLOY_DEPLOYMENT_GROUP", null);
    AccountScope scope = new AccountScope(env.required("RESPONDERS_ACCOUNT_ID", ACCOUNT, "a 12-digit account id"),
        env.required("AWS_REGION"));
    env.validate();
    if ((application == null) != (group == null)) {
      throw new ConfigurationException(List.of("BLUEGREEN_CODEDEPLOY_APPLICATION and "
          + "BLUEGREEN_CODEDEPLOY_DEPLOYMENT_GROUP must both be set (CodeDeploy trigger on) or both be empty (off)"));
    }
    if (application != null && (!NAME.matcher(application).matches() || !NAME.matcher(group).matches())) {
      throw new ConfigurationException(List.of("BLUEGREEN_CODEDEPLOY_APPLICATION and "
          + "BLUEGREEN_CODEDEPLOY_DEPLOYMENT_GROUP must be CodeDeploy names (letters, digits, _ . + -)"));
    }
    return new BlueGreenConfig(parameter, application, group, scope);
  }

  /** Whether successful CodeDeploy deployments flip the marker. */
  public boolean codeDeployTrigger() {
    return codeDeployApplication != null;
  }
}
