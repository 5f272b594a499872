package dev.responders.isolation;

import dev.responders.shared.audit.AuditLog;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
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
 * Finds or creates the all-traffic group of a VPC, {@code responders-untrack-<vpc>}: every protocol from and to
 * {@code 0.0.0.0/0} and {@code ::/0}. Security groups do not cut connections EC2 already tracks; with this group
 * alone on an interface its flows become untracked, so the deny-all group put on right after stops them at once
 * (the AWS Security Incident Response Guide's method, as in AWSSupport-ContainEC2Instance). The group is on an
 * interface only between two back-to-back calls; the audit says for how long.
 *
 * <p>As with the isolation group, only a group tagged {@code responders:purpose=untrack-connections} is used: a
 * squatted name is reported and a group of an unpredictable name is used instead. Missing rules are added; the
 * function may add rules only to groups with that tag.
 */
final class UntrackingGroupResolver {

  static final String NAME_PREFIX = "responders-untrack-";
  static final String PURPOSE = "untrack-connections";
  private static final List<String> EVERYWHERE = List.of("0.0.0.0/0", "::/0");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Ec2Client ec2;

  UntrackingGroupResolver(Ec2Client ec2) {
    this.ec2 = ec2;
  }

  static String groupName(String vpcId) {
    return NAME_PREFIX + vpcId;
  }

  String resolve(String vpcId, AuditLog audit, List<String> warnings) {
    String name = groupName(vpcId);
    Optional<SecurityGroup> named = find(vpcId, name, false).or(() -> create(vpcId, name, audit));
    SecurityGroup group;
    if (named.isPresent() && isOurs(named.get())) {
      group = named.get();
    } else {
      named.ifPresent(squatted -> {
        String why = "security group " + squatted.groupId() + " is named " + name + " but is not tagged "
            + IsolationGroupResolver.PURPOSE_TAG + "=" + PURPOSE + ": someone else created it; it is not used";
        audit.decision("untrack-group-squatted", squatted.groupId(), why);
        warnings.add(why);
      });
      group = find(vpcId, name + "-*", true)
          .or(() -> create(vpcId, name + "-" + HexFormat.of().formatHex(randomBytes()), audit)
              .filter(UntrackingGroupResolver::isOurs))
          .orElseThrow(() -> new IllegalStateException("no all-traffic group could be created in " + vpcId));
    }
    open(group, audit);
    return group.groupId();
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[4];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  private static boolean isOurs(SecurityGroup group) {
    return group.tags().stream().anyMatch(t -> IsolationGroupResolver.PURPOSE_TAG.equals(t.key())
        && PURPOSE.equals(t.value()));
  }

  private Optional<SecurityGroup> find(String vpcId, String namePattern, boolean taggedOnly) {
    List<Filter> filters = new ArrayList<>(List.of(Filter.builder().name("vpc-id").values(vpcId).build(),
        Filter.builder().name("group-name").values(namePattern).build()));
    if (taggedOnly) {
      filters.add(Filter.builder().name("tag:" + IsolationGroupResolver.PURPOSE_TAG).values(PURPOSE).build());
    }
    return ec2.describeSecurityGroups(r -> r.filters(filters)).securityGroups().stream()
        .min(Comparator.comparing(SecurityGroup::groupId));
  }

  private Optional<SecurityGroup> create(String vpcId, String name, AuditLog audit) {
    try {
      CreateSecurityGroupResponse created = ec2.createSecurityGroup(r -> r.vpcId(vpcId).groupName(name)
          .description("Isolation, for an instant: all traffic, so tracked connections become untracked before"
              + " the deny-all group. Managed by aws-event-responders tag-isolation.")
          .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.SECURITY_GROUP).tags(
              Tag.builder().key(IsolationGroupResolver.PURPOSE_TAG).value(PURPOSE).build(),
              Tag.builder().key("Name").value(name).build()).build()));
      audit.changed("ec2:CreateSecurityGroup", name, null, created.groupId(), created);
    } catch (Ec2Exception e) {
      if (!"InvalidGroup.Duplicate".equals(InstanceInspector.errorCode(e))) {
        audit.failed("ec2:CreateSecurityGroup", name, null, e);
        throw e;
      }
      audit.decision("reuse-untrack-group", name, "a concurrent invocation created it first");
    }
    return find(vpcId, name, false);
  }

  /** Adds whichever all-traffic rules (IPv4, IPv6; ingress, egress) the group lacks. */
  private void open(SecurityGroup group, AuditLog audit) {
    List<String> ingress = missing(group.ipPermissions());
    List<String> egress = missing(group.ipPermissionsEgress());
    if (!ingress.isEmpty()) {
      var response = tolerateDuplicate(() -> ec2.authorizeSecurityGroupIngress(r -> r.groupId(group.groupId())
          .ipPermissions(allTraffic(ingress))));
      audit.changed("ec2:AuthorizeSecurityGroupIngress", group.groupId(), null, ingress, response);
    }
    if (!egress.isEmpty()) {
      var response = tolerateDuplicate(() -> ec2.authorizeSecurityGroupEgress(r -> r.groupId(group.groupId())
          .ipPermissions(allTraffic(egress))));
      audit.changed("ec2:AuthorizeSecurityGroupEgress", group.groupId(), null, egress, response);
    }
  }

  private static List<String> missing(List<IpPermission> rules) {
    Set<String> present = rules.stream().filter(p -> "-1".equals(p.ipProtocol()))
        .flatMap(p -> java.util.stream.Stream.concat(p.ipRanges().stream().map(r -> r.cidrIp()),
            p.ipv6Ranges().stream().map(r -> r.cidrIpv6())))
        .collect(Collectors.toSet());
    return EVERYWHERE.stream().filter(cidr -> !present.contains(cidr)).toList();
  }

  private static IpPermission allTraffic(List<String> cidrs) {
    return IpPermission.builder().ipProtocol("-1")
        .ipRanges(cidrs.stream().filter(c -> !c.contains(":")).map(c -> software.amazon.awssdk.services.ec2.model
            .IpRange.builder().cidrIp(c).build()).toList())
        .ipv6Ranges(cidrs.stream().filter(c -> c.contains(":")).map(c -> software.amazon.awssdk.services.ec2.model
            .Ipv6Range.builder().cidrIpv6(c).build()).toList())
        .build();
  }

  /** A concurrent invocation may add the same rule first: EC2 then answers InvalidPermission.Duplicate. */
  private static <T extends software.amazon.awssdk.awscore.AwsResponse> T tolerateDuplicate(
      java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (Ec2Exception e) {
      if ("InvalidPermission.Duplicate".equals(InstanceInspector.errorCode(e))) {
        return null;
      }
      throw e;
    }
  }
}
