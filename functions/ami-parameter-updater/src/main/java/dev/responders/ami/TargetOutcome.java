package dev.responders.ami;

/**
 * What became of one parameter.
 *
 * @param version the parameter version holding the AMI now (null when unknown or not written)
 * @param detail  why (kept, skipped, conflict) or the error (failures)
 */
public record TargetOutcome(String accountId, String region, String parameter, String amiId, Outcome outcome,
    Long version, String detail) {

  static TargetOutcome of(Target target, Outcome outcome, Long version, String detail) {
    return new TargetOutcome(target.accountId(), target.region(), target.parameterName(), target.ami().imageId(),
        outcome, version, detail);
  }

  /** {@code us-east-1 123456789012 /ec2-imagebuilder/web/latest}. */
  public String where() {
    return region + " " + accountId + " " + parameter;
  }
}
