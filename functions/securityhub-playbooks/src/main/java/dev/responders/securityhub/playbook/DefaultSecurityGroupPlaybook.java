package dev.responders.securityhub.playbook;

import dev.responders.securityhub.playbook.DefaultSecurityGroupPlaybook.Rules;
import dev.responders.shared.audit.AuditLog;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;

/**
 * EC2.2 (CIS 1.2 4.3): a VPC's default security group allows no traffic at all: every ingress and every egress rule
 * is revoked (by rule id, so a rule added meanwhile is found by the verification, not lost). Instances still in the
 * group lose what it allowed; the note names every rule revoked, so it can be re-created in a group of their own.
 */
public final class DefaultSecurityGroupPlaybook implements Playbook<Rules> {

  private final Ec2Client ec2;

  public DefaultSecurityGroupPlaybook(Ec2Client ec2) {
    this.ec2 = ec2;
  }

  public record Rules(String groupId, List<SecurityGroupRule> ingress, List<SecurityGroupRule> egress) {
  }

  @Override
  public Set<String> controls() {
    return Set.of("EC2.2");
  }

  @Override
  public Plan<Rules> plan(Target target) {
    String groupId = target.idOf("ec2", "security-group");
    SecurityGroup group = SecurityGroups.group(ec2, groupId);
    if (!"default".equals(group.groupName())) {
      throw new NotRemediableException("security group " + groupId + " (" + group.groupName()
          + ") is not a VPC's default group: EC2.2 revokes the rules of default groups only");
    }
    List<SecurityGroupRule> rules = SecurityGroups.rules(ec2, groupId);
    Rules found = new Rules(groupId, rules.stream().filter(r -> !Boolean.TRUE.equals(r.isEgress())).toList(),
        rules.stream().filter(r -> Boolean.TRUE.equals(r.isEgress())).toList());
    List<String> steps = rules.stream().map(r -> "revoke " + (Boolean.TRUE.equals(r.isEgress()) ? "egress" : "ingress")
        + " " + SecurityGroups.describe(r) + " (" + r.securityGroupRuleId() + ")").toList();
    return new Plan<>(steps, found);
  }

  @Override
  public void apply(Target target, Plan<Rules> plan, AuditLog audit) {
    Rules rules = plan.state();
    if (!rules.ingress().isEmpty()) {
      List<String> ids = rules.ingress().stream().map(SecurityGroupRule::securityGroupRuleId).toList();
      var revoked = ec2.revokeSecurityGroupIngress(r -> r.groupId(rules.groupId()).securityGroupRuleIds(ids));
      audit.changed("ec2:RevokeSecurityGroupIngress", rules.groupId(),
          rules.ingress().stream().map(SecurityGroups::describe).toList(), null, revoked);
    }
    if (!rules.egress().isEmpty()) {
      List<String> ids = rules.egress().stream().map(SecurityGroupRule::securityGroupRuleId).toList();
      var revoked = ec2.revokeSecurityGroupEgress(r -> r.groupId(rules.groupId()).securityGroupRuleIds(ids));
      audit.changed("ec2:RevokeSecurityGroupEgress", rules.groupId(),
          rules.egress().stream().map(SecurityGroups::describe).toList(), null, revoked);
    }
  }
}
