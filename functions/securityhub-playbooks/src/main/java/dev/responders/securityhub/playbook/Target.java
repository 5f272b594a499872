package dev.responders.securityhub.playbook;

import dev.responders.securityhub.Finding;
import dev.responders.securityhub.FindingResource;
import dev.responders.shared.aws.Arn;

/**
 * The resource a playbook acts on, with the finding's context.
 *
 * @param findingId the finding that names it
 * @param controlId the security control that failed (null when none was recognised: custom actions other than
 *                  Remediate act on any finding)
 * @param account   the finding's {@code AwsAccountId}
 * @param finding   the whole finding (its title, severity and every resource, for a ticket)
 */
public record Target(String findingId, String controlId, String account, FindingResource resource, Finding finding) {

  /** The resource's ARN; a resource that is not one cannot be remediated by an ARN-addressed playbook. */
  public Arn arn() {
    if (!resource.id().startsWith("arn:")) {
      throw new NotRemediableException("resource " + resource.id() + " is not an ARN");
    }
    try {
      return Arn.parse(resource.id(), "Resources[].Id");
    } catch (RuntimeException e) {
      throw new NotRemediableException("resource " + resource.id() + " is not a well-formed ARN");
    }
  }

  /** The ARN when it is of {@code service} and resource type {@code type}; otherwise not remediable. */
  public Arn arnOf(String service, String type) {
    Arn arn = arn();
    if (!service.equals(arn.service()) || !type.equals(arn.resourceType())) {
      throw new NotRemediableException("resource " + resource.id() + " is not a " + service + " " + type);
    }
    return arn;
  }

  /** The id after {@code type/} of an ARN of {@code service} and {@code type}, e.g. {@code sg-0abc}. */
  public String idOf(String service, String type) {
    String id = arnOf(service, type).resourceId();
    if (id.isEmpty()) {
      throw new NotRemediableException("resource " + resource.id() + " names no " + type);
    }
    return id;
  }

  /**
   * The role of the same path and name as {@code roleArn} (a delivery role given as a parameter, of the function's
   * account) in this resource's account and partition: member accounts get theirs from templates/member.yaml.
   */
  public String roleIn(String roleArn) {
    return "arn:" + resource.partition() + ":iam::" + account + roleArn.substring(roleArn.indexOf(":role/"));
  }

  /**
   * A short, stable mark of the finding (hex of its id's SHA-256): what a Jira label or an SSM command comment carries
   * so that the work handed over for this finding is found again on redelivery.
   */
  public String findingMark() {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
          .digest(findingId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest, 0, 12);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** An ARN in the partition, region and account of this resource, e.g. of a log group created for it. */
  public String arnHere(String service, String resource) {
    return "arn:" + this.resource.partition() + ":" + service + ":" + this.resource.region() + ":" + account + ":"
        + resource;
  }
}
