package dev.responders.securityhub.playbook;

import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;

/** A security group rule in the words the notes use ("tcp 22 from 0.0.0.0/0"), for readers outside the package. */
public final class SecurityGroupsView {

  private SecurityGroupsView() {
  }

  public static String describe(SecurityGroupRule rule) {
    return SecurityGroups.describe(rule);
  }
}
