package dev.responders.ami;

import dev.responders.shared.aws.Deployment;
import dev.responders.shared.config.ConfigReader;
import dev.responders.shared.error.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What template.yaml tells the function, read once at init.
 *
 * @param parameterName      the name template of the parameter each AMI is written to
 * @param targetAccountRole  the role assumed in another account to write its parameter; null: such AMIs are skipped
 * @param functionAccountId  the account the function runs in ({@code RESPONDERS_ACCOUNT_ID}): its own parameters
 *                           need no role, and only its own images are published (single-account mode)
 * @param deployment         single-account or organization mode: in the latter the images of every member account
 *                           are published, through the member role
 */
public record AmiParameterConfig(ParameterNameTemplate parameterName, String targetAccountRole,
    String functionAccountId, Deployment deployment) {

  /** A single-account configuration. */
  public AmiParameterConfig(ParameterNameTemplate parameterName, String targetAccountRole, String functionAccountId) {
    this(parameterName, targetAccountRole, functionAccountId, Deployment.SINGLE_ACCOUNT);
  }

  private static final Pattern ROLE_NAME = Pattern.compile("[A-Za-z0-9+=,.@_-]{1,64}");
  private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");

  public static AmiParameterConfig fromEnvironment(Map<String, String> environment) {
    ConfigReader env = new ConfigReader(environment);
    String template = env.required("AMI_PARAMETER_NAME");
    String account = env.required("RESPONDERS_ACCOUNT_ID", ACCOUNT, "a 12-digit AWS account id");
    String role = env.optional("TARGET_ACCOUNT_ROLE_NAME", null);
    Deployment deployment = Deployment.read(env);
    List<String> problems = new ArrayList<>();
    try {
      env.validate();
    } catch (ConfigurationException e) {
      problems.addAll(e.problems());
    }
    if (template != null) {
      ParameterNameTemplate.problems(template).forEach(p -> problems.add("AMI_PARAMETER_NAME " + p));
    }
    if (role != null && !ROLE_NAME.matcher(role).matches()) {
      problems.add("TARGET_ACCOUNT_ROLE_NAME must be an IAM role name, got '" + role + "'");
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    return new AmiParameterConfig(ParameterNameTemplate.of(template), role, account, deployment);
  }
}
