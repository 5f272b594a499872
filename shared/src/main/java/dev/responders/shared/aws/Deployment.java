package dev.responders.shared.aws;

import dev.responders.shared.config.ConfigReader;
import java.util.regex.Pattern;

/**
 * How the suite is deployed, from the template's Globals.
 *
 * @param mode           {@code DEPLOYMENT_MODE}: single-account (the default when unset) or organization
 * @param memberRoleName {@code MEMBER_ROLE_NAME}: the role assumed in another account (default
 *                       {@code responders-remediation})
 * @param organizationId {@code ORGANIZATION_ID}: required in organization mode, null otherwise
 */
public record Deployment(DeploymentMode mode, String memberRoleName, String organizationId) {

  public static final String DEFAULT_MEMBER_ROLE_NAME = "responders-remediation";
  public static final Deployment SINGLE_ACCOUNT =
      new Deployment(DeploymentMode.SINGLE_ACCOUNT, DEFAULT_MEMBER_ROLE_NAME, null);

  private static final Pattern MODE = Pattern.compile("single-account|organization");
  /** IAM role names: 1 to 64 of these characters. */
  private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
  private static final Pattern ORGANIZATION_ID = Pattern.compile("o-[a-z0-9]{10,32}");

  /** Reads the three variables; every malformed one is a problem of {@code env} ({@code env.validate()} lists them). */
  public static Deployment read(ConfigReader env) {
    DeploymentMode mode = DeploymentMode.named(env.optional("DEPLOYMENT_MODE",
        DeploymentMode.SINGLE_ACCOUNT.value(), MODE, "single-account or organization"));
    String role = env.optional("MEMBER_ROLE_NAME", DEFAULT_MEMBER_ROLE_NAME, ROLE_NAME,
        "an IAM role name (1 to 64 of letters, digits and +=,.@_-)");
    String organization = mode == DeploymentMode.ORGANIZATION
        ? env.required("ORGANIZATION_ID", ORGANIZATION_ID, "an organization id such as o-abc1234567")
        : null;
    return new Deployment(mode, role, organization);
  }

  public boolean organization() {
    return mode == DeploymentMode.ORGANIZATION;
  }
}
