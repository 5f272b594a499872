package dev.responders.securityhub.playbook;

import dev.responders.securityhub.FindingResource;
import dev.responders.shared.aws.Arn;

/**
 * The resource a playbook acts on, with the finding's context.
 *
 * @param findingId the finding that names it
 * @param controlId the security control that failed
 * @param account   the finding's {@code AwsAccountId}
 */
public record Target(String findingId, String controlId, String account, FindingResource resource) {

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
}
