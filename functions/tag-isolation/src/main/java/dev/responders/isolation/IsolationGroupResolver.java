package dev.responders.isolation;

import dev.responders.shared.audit.AuditLog;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
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
 * Finds or creates the isolation security group of a VPC: one per VPC, with no ingress and no egress rule
 * (IPv4 or IPv6). A group that exists is checked and repaired, since a previous run may have died between
 * creating it and revoking its default egress rule.
 *
 * <p>Only a group tagged {@code responders:purpose=isolation} is ever used (the function's IAM policy lets it
 * revoke rules and attach interfaces only to such groups). Anyone who can create security groups can take the
 * predictable name {@code responders-isolation-<vpc>} first: such a squatted group is reported, left alone, and
 * isolation goes on with a group of an unpredictable name ({@code responders-isolation-<vpc>-<random>}) instead.
 */
public final class IsolationGroupResolver {

  public static final String NAME_PREFIX = "responders-isolation-";
  static final String PURPOSE_TAG = "responders:purpose";
  static final String PURPOSE = "isolation";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Ec2Client ec2;
  private final String account;

  public IsolationGroupResolver(Ec2Client ec2, String account) {
    this.ec2 = ec2;
    this.account = account;
  }

  public static String groupName(String vpcId) {
    return NAME_PREFIX + vpcId;
  }

  /**
   * The id of the VPC's isolation group, denying all traffic once this returns.
   *
   * @param warnings where a squatted name is reported, for the result and the notification
   */
  public String resolve(String vpcId, AuditLog audit, List<String> warnings) {
    String name = groupName(vpcId);
    Optional<SecurityGroup> named = findNamed(vpcId, name).or(() -> create(vpcId, name, audit));
    if (named.isPresent() && isOurs(named.get())) {
      closeRules(named.get(), audit);
      return named.get().groupId();
    }
    named.ifPresent(squatted -> {
      String why = "security group " + squatted.groupId() + " is named " + name + " but is not tagged "
          + PURPOSE_TAG + "=" + PURPOSE + ": someone else created it; it is not used";
      audit.decision("isolation-group-squatted", squatted.groupId(), why);
      warnings.add(why);
    });
    SecurityGroup alternative = findAlternative(vpcId)
        .or(() -> create(vpcId, name + "-" + randomSuffix(), audit)
            .filter(IsolationGroupResolver::isOurs))
        .orElseThrow(() -> new IllegalStateException("no isolation group could be created in " + vpcId));
    closeRules(alternative, audit);
    return alternative.groupId();
  }

  /**
   * Closes again an isolation group someone opened (drift): revokes every rule it has now. A group that is not
   * tagged as an isolation group (or no longer exists) is left alone.
   *
   * @return whether the group is an isolation group
   */
  public boolean closeIfIsolationGroup(String groupId, AuditLog audit) {
    List<SecurityGroup> found;
    try {
      found = ec2.describeSecurityGroups(r -> r.groupIds(groupId)).securityGroups();
    } catch (Ec2Exception e) {
      if ("InvalidGroup.NotFound".equals(InstanceInspector.errorCode(e))) {
        return false;
      }
      throw e;
    }
    Optional<SecurityGroup> group = found.stream().filter(IsolationGroupResolver::isOurs).findFirst();
    group.ifPresent(g -> closeRules(g, audit));
    return group.isPresent();
  }

  /** Eight hex digits no one can guess ahead of time, so the alternative name cannot be squatted in advance. */
  private static String randomSuffix() {
    byte[] bytes = new byte[4];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static boolean isOurs(SecurityGroup group) {
    return group.tags().stream().anyMatch(t -> PURPOSE_TAG.equals(t.key()) && PURPOSE.equals(t.value()));
  }

  private Optional<SecurityGroup> findNamed(String vpcId, String name) {
    return ec2.describeSecurityGroups(r -> r.filters(
            Filter.builder().name("vpc-id").values(vpcId).build(),
            Filter.builder().name("group-name").values(name).build()))
        .securityGroups().stream().findFirst();
  }

  /** A tagged group of the alternative names, created when the plain name was squatted earlier. */
  private Optional<SecurityGroup> findAlternative(String vpcId) {
    return ec2.describeSecurityGroups(r -> r.filters(
            Filter.builder().name("vpc-id").values(vpcId).build(),
            Filter.builder().name("group-name").values(groupName(vpcId) + "-*").build(),
            Filter.builder().name("tag:" + PURPOSE_TAG).values(PURPOSE).build()))
        .securityGroups().stream().min(Comparator.comparing(SecurityGroup::groupId));
  }

  private Optional<SecurityGroup> create(String vpcId, String name, AuditLog audit) {
    try {
      CreateSecurityGroupResponse created = ec2.createSecurityGroup(r -> r.vpcId(vpcId).groupName(name)
          .description("Isolation: no inbound, no outbound. Managed by aws-event-responders tag-isolation.")
          .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.SECURITY_GROUP).tags(
              Tag.builder().key(PURPOSE_TAG).value(PURPOSE).build(),
              Tag.builder().key("Name").value(name).build()).build()));
      audit.changed("ec2:CreateSecurityGroup", name, null, created.groupId(), created);
    } catch (Ec2Exception e) {
      String code = InstanceInspector.errorCode(e);
      if ("UnauthorizedOperation".equals(code)) {
        audit.failed("ec2:CreateSecurityGroup", name, null, e);
        throw new IllegalStateException(deniedInWhoseVpc(vpcId) + e.getMessage(), e);
      }
      if (!"InvalidGroup.Duplicate".equals(code)) {
        audit.failed("ec2:CreateSecurityGroup", name, null, e);
        throw e;
      }
      audit.decision("reuse-isolation-group", name, "a concurrent invocation created it first");
    }
    return Optional.of(findNamed(vpcId, name).orElseThrow(() -> new IllegalStateException(
        "isolation group " + name + " was created but cannot be found in " + vpcId)));
  }

  /** A shared VPC (owned by another account) is where creating a group is most often refused: say so. */
  private String deniedInWhoseVpc(String vpcId) {
    try {
      String owner = ec2.describeVpcs(r -> r.vpcIds(vpcId)).vpcs().stream().findFirst()
          .map(v -> v.ownerId()).orElse(null);
      if (owner != null && !owner.equals(account)) {
        return "creating the isolation group in " + vpcId + " (a shared VPC owned by account " + owner
            + ") was refused; this account, a participant, may create groups there only if no SCP or policy of"
            + " its own forbids it: ";
      }
    } catch (Ec2Exception ignored) {
      // The denial itself is the news; the owner only explains it.
    }
    return "creating the isolation group in " + vpcId + " was refused: ";
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
        String groupId = current.groupId();
        current = ec2.describeSecurityGroups(r -> r.groupIds(groupId)).securityGroups().stream().findFirst()
            .orElseThrow(() -> e);
      }
    }
  }

  private void revoke(SecurityGroup group, AuditLog audit) {
    List<IpPermission> ingress = group.ipPermissions();
    List<IpPermission> egress = group.ipPermissionsEgress();
    if (!ingress.isEmpty()) {
      var response = audited("ec2:RevokeSecurityGroupIngress", group.groupId(), audit,
          () -> ec2.revokeSecurityGroupIngress(r -> r.groupId(group.groupId()).ipPermissions(ingress)));
      audit.changed("ec2:RevokeSecurityGroupIngress", group.groupId(), describe(ingress), List.of(), response);
    }
    if (!egress.isEmpty()) {
      var response = audited("ec2:RevokeSecurityGroupEgress", group.groupId(), audit,
          () -> ec2.revokeSecurityGroupEgress(r -> r.groupId(group.groupId()).ipPermissions(egress)));
      audit.changed("ec2:RevokeSecurityGroupEgress", group.groupId(), describe(egress), List.of(), response);
    }
    if (ingress.isEmpty() && egress.isEmpty()) {
      audit.unchanged("ec2:RevokeSecurityGroupEgress", group.groupId(), List.of(), "group already denies all traffic");
    }
  }

  /** The call's own failure goes to the audit under its own name, so the log blames the call that failed. */
  private static <T> T audited(String action, String target, AuditLog audit, java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (Ec2Exception e) {
      if (!"InvalidPermission.NotFound".equals(InstanceInspector.errorCode(e))) {
        audit.failed(action, target, null, e);
      }
      throw e;
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
