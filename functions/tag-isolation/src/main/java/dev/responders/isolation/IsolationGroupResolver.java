package dev.responders.isolation;

import dev.responders.shared.audit.AuditLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateSecurityGroupResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * Finds or creates the isolation security group of a VPC: one per VPC, named deterministically, with no
 * ingress and no egress rule (IPv4 or IPv6). A group that exists is checked and repaired, since a previous
 * run may have died between creating it and revoking its default egress rule.
 */
public final class IsolationGroupResolver {

  public static final String NAME_PREFIX = "responders-isolation-";
  static final String PURPOSE_TAG = "responders:purpose";
  static final String PURPOSE = "isolation";

  private final Ec2Client ec2;

  public IsolationGroupResolver(Ec2Client ec2) {
    this.ec2 = ec2;
  }

  public static String groupName(String vpcId) {
    return NAME_PREFIX + vpcId;
  }

  /** The id of the VPC's isolation group, denying all traffic once this returns. */
  public String resolve(String vpcId, AuditLog audit) {
    SecurityGroup group = find(vpcId).orElseGet(() -> create(vpcId, audit));
    closeRules(group, audit);
    return group.groupId();
  }

  private Optional<SecurityGroup> find(String vpcId) {
    return ec2.describeSecurityGroups(r -> r.filters(
            Filter.builder().name("vpc-id").values(vpcId).build(),
            Filter.builder().name("group-name").values(groupName(vpcId)).build()))
        .securityGroups().stream().findFirst();
  }

  private SecurityGroup create(String vpcId, AuditLog audit) {
    String name = groupName(vpcId);
    try {
      CreateSecurityGroupResponse created = ec2.createSecurityGroup(r -> r.vpcId(vpcId).groupName(name)
          .description("Isolation: no inbound, no outbound. Managed by aws-event-responders tag-isolation.")
          .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.SECURITY_GROUP).tags(
              Tag.builder().key(PURPOSE_TAG).value(PURPOSE).build(),
              Tag.builder().key("Name").value(name).build()).build()));
      audit.changed("ec2:CreateSecurityGroup", name, null, created.groupId(), created);
    } catch (Ec2Exception e) {
      if (!"InvalidGroup.Duplicate".equals(InstanceInspector.errorCode(e))) {
        throw e;
      }
      audit.decision("reuse-isolation-group", name, "a concurrent invocation created it first");
    }
    return find(vpcId).orElseThrow(() -> new IllegalStateException(
        "isolation group " + name + " was created but cannot be found in " + vpcId));
  }

  /**
   * Revokes whatever rules the group has. Concurrent invocations may revoke the same rule: EC2 then answers
   * InvalidPermission.NotFound to the later one, which re-reads the group and revokes what is left, if anything.
   */
  private void closeRules(SecurityGroup group, AuditLog audit) {
    SecurityGroup current = group;
    for (int attempt = 1; ; attempt++) {
      try {
        revoke(current, audit);
        return;
      } catch (Ec2Exception e) {
        if (!"InvalidPermission.NotFound".equals(InstanceInspector.errorCode(e)) || attempt == 3) {
          throw e;
        }
        audit.decision("reread-isolation-group", current.groupId(), "a concurrent invocation revoked a rule first");
        String vpcId = current.vpcId();
        current = find(vpcId).orElseThrow(() -> e);
      }
    }
  }

  private void revoke(SecurityGroup group, AuditLog audit) {
    List<IpPermission> ingress = group.ipPermissions();
    List<IpPermission> egress = group.ipPermissionsEgress();
    if (!ingress.isEmpty()) {
      var response = ec2.revokeSecurityGroupIngress(r -> r.groupId(group.groupId()).ipPermissions(ingress));
      audit.changed("ec2:RevokeSecurityGroupIngress", group.groupId(), describe(ingress), List.of(), response);
    }
    if (!egress.isEmpty()) {
      var response = ec2.revokeSecurityGroupEgress(r -> r.groupId(group.groupId()).ipPermissions(egress));
      audit.changed("ec2:RevokeSecurityGroupEgress", group.groupId(), describe(egress), List.of(), response);
    }
    if (ingress.isEmpty() && egress.isEmpty()) {
      audit.unchanged("ec2:RevokeSecurityGroupEgress", group.groupId(), List.of(), "group already denies all traffic");
    }
  }

  /** Rules as a person reads them: {@code tcp 22 0.0.0.0/0}, {@code all ::/0}. */
  private static List<String> describe(List<IpPermission> permissions) {
    return permissions.stream().map(p -> {
      String protocol = "-1".equals(p.ipProtocol()) ? "all" : p.ipProtocol();
      String ports = p.fromPort() == null ? "" : p.fromPort().equals(p.toPort()) ? " " + p.fromPort()
          : " " + p.fromPort() + "-" + p.toPort();
      List<String> peers = new ArrayList<>();
      p.ipRanges().forEach(r -> peers.add(r.cidrIp()));
      p.ipv6Ranges().forEach(r -> peers.add(r.cidrIpv6()));
      p.userIdGroupPairs().forEach(g -> peers.add(g.groupId()));
      p.prefixListIds().forEach(l -> peers.add(l.prefixListId()));
      return protocol + ports + " " + String.join(",", peers);
    }).toList();
  }

}
