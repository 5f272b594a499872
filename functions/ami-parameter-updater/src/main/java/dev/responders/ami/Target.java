package dev.responders.ami;

/**
 * Where one AMI's parameter lives: its account and region, under the rendered name. Parameters of different
 * accounts or regions are different parameters, so no AMI can overwrite another's.
 */
public record Target(String partition, String accountId, String region, String parameterName, Ami ami) {

  /** The parameter's ARN: the audit trail's name for it, unambiguous across accounts and regions. */
  public String parameterArn() {
    return "arn:" + partition + ":ssm:" + region + ":" + accountId + ":parameter" + parameterName;
  }
}
