package dev.responders.shared.aws;

/**
 * Where the suite acts: only in the account and region it is deployed to, or, deployed in the organization's
 * management or delegated administrator account, in every account of the organization through its member role.
 */
public enum DeploymentMode {
  SINGLE_ACCOUNT("single-account"),
  ORGANIZATION("organization");

  private final String value;

  DeploymentMode(String value) {
    this.value = value;
  }

  /** The value of the template's {@code DeploymentMode} parameter. */
  public String value() {
    return value;
  }

  /** The mode named {@code value}, or null when it names none. */
  static DeploymentMode named(String value) {
    for (DeploymentMode mode : values()) {
      if (mode.value.equals(value)) {
        return mode;
      }
    }
    return null;
  }
}
