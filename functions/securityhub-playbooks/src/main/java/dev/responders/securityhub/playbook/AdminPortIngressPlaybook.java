package dev.responders.securityhub.playbook;

import dev.responders.securityhub.playbook.AdminPortIngressPlaybook.Exposure;
import dev.responders.shared.audit.AuditLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;

/**
 * EC2.13, EC2.14 (CIS 1.2 4.1, 4.2), EC2.53, EC2.54: no ingress from anywhere ({@code 0.0.0.0/0}, {@code ::/0}) to
 * SSH (22) or RDP (3389). Only the rules that open those ports to anywhere go: a rule of exactly the port is revoked;
 * a port range or an all-traffic rule that covers it is split, the rest of what it allowed re-added first (same
 * peer, same description), so nothing else closes. The same port from any other CIDR, and every other rule, stays.
 */
public final class AdminPortIngressPlaybook implements Playbook<Exposure> {

  static final String ANY_IPV4 = "0.0.0.0/0";
  static final String ANY_IPV6 = "::/0";
  static final int SSH = 22;
  static final int RDP = 3389;
  private static final int MAX_PORT = 65535;

  /** What each control closes: ports, and the "anywhere" peers it looks at. */
  record Closing(SortedSet<Integer> ports, Set<String> peers) {
    static Closing of(Set<Integer> ports, Set<String> peers) {
      return new Closing(new TreeSet<>(ports), peers);
    }
  }

  static final Map<String, Closing> CONTROLS = Map.of(
      "EC2.13", Closing.of(Set.of(SSH), Set.of(ANY_IPV4, ANY_IPV6)),
      "EC2.14", Closing.of(Set.of(RDP), Set.of(ANY_IPV4, ANY_IPV6)),
      "EC2.53", Closing.of(Set.of(SSH, RDP), Set.of(ANY_IPV4)),
      "EC2.54", Closing.of(Set.of(SSH, RDP), Set.of(ANY_IPV6)));

  /** A rule that opens a closed port to anywhere, what replaces it (nothing, for a rule of the port alone). */
  public record Offending(SecurityGroupRule rule, List<IpPermission> replacements, String step) {
  }

  public record Exposure(String groupId, List<Offending> offending) {
  }

  private final Ec2Client ec2;

  public AdminPortIngressPlaybook(Ec2Client ec2) {
    this.ec2 = ec2;
  }

  @Override
  public Set<String> controls() {
    return CONTROLS.keySet();
  }

  @Override
  public Plan<Exposure> plan(Target target) {
    String groupId = target.idOf("ec2", "security-group");
    SecurityGroups.group(ec2, groupId);
    Closing closing = CONTROLS.get(target.controlId());
    List<Offending> offending = new ArrayList<>();
    for (SecurityGroupRule rule : SecurityGroups.rules(ec2, groupId)) {
      offending(rule, closing).ifPresent(offending::add);
    }
    Exposure exposure = new Exposure(groupId, List.copyOf(offending));
    return offending.isEmpty() ? Plan.compliant(exposure)
        : new Plan<>(offending.stream().map(Offending::step).toList(), exposure);
  }

  static Optional<Offending> offending(SecurityGroupRule rule, Closing closing) {
    String peer = rule.cidrIpv4() != null ? rule.cidrIpv4() : rule.cidrIpv6();
    if (Boolean.TRUE.equals(rule.isEgress()) || peer == null || !closing.peers().contains(peer)) {
      return Optional.empty();
    }
    boolean all = SecurityGroups.isAllTraffic(rule.ipProtocol());
    boolean tcp = "tcp".equals(rule.ipProtocol()) || "6".equals(rule.ipProtocol());
    if (!all && !tcp) {
      return Optional.empty();
    }
    int from = all ? 0 : rule.fromPort();
    int to = all ? MAX_PORT : rule.toPort();
    SortedSet<Integer> opened = closing.ports().subSet(from, to + 1);
    if (opened.isEmpty()) {
      return Optional.empty();
    }
    List<int[]> rest = new ArrayList<>();
    int start = from;
    for (int port : opened) {
      if (port > start) {
        rest.add(new int[] {start, port - 1});
      }
      start = port + 1;
    }
    if (start <= to) {
      rest.add(new int[] {start, to});
    }
    List<IpPermission> replacements = new ArrayList<>();
    rest.forEach(range -> replacements.add(permission(rule, peer, "tcp", range[0], range[1])));
    String what = SecurityGroups.describe(rule) + " (" + rule.securityGroupRuleId() + ")";
    String ports = opened.stream().map(String::valueOf).collect(Collectors.joining(", "));
    String tcpRest = rest.stream().map(r -> SecurityGroups.ports(r[0], r[1])).collect(Collectors.joining(", "));
    String step;
    if (all) {
      replacements.add(permission(rule, peer, "udp", 0, MAX_PORT));
      boolean v6 = ANY_IPV6.equals(peer);
      replacements.add(permission(rule, peer, v6 ? "58" : "icmp", -1, -1));
      step = "split " + what + ", which opened " + ports + ": now tcp " + tcpRest + ", udp all, "
          + (v6 ? "icmpv6" : "icmp") + " all from " + peer + "; other IP protocols closed";
    } else if (replacements.isEmpty()) {
      step = "revoke " + what;
    } else {
      step = "split " + what + ", which opened " + ports + ": now tcp " + tcpRest + " from " + peer;
    }
    return Optional.of(new Offending(rule, List.copyOf(replacements), step));
  }

  private static IpPermission permission(SecurityGroupRule rule, String peer, String protocol, int from, int to) {
    IpPermission.Builder permission = IpPermission.builder().ipProtocol(protocol).fromPort(from).toPort(to);
    if (ANY_IPV6.equals(peer)) {
      permission.ipv6Ranges(r -> r.cidrIpv6(peer).description(rule.description()));
    } else {
      permission.ipRanges(r -> r.cidrIp(peer).description(rule.description()));
    }
    return permission.build();
  }

  @Override
  public void apply(Target target, Plan<Exposure> plan, AuditLog audit) {
    String groupId = plan.state().groupId();
    for (Offending offending : plan.state().offending()) {
      // What stays open is added before the rule goes, so nothing but the closed ports is ever shut.
      for (IpPermission replacement : offending.replacements()) {
        String what = SecurityGroups.protocolAndPorts(replacement.ipProtocol(), replacement.fromPort(),
            replacement.toPort());
        try {
          var added = ec2.authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(replacement));
          audit.changed("ec2:AuthorizeSecurityGroupIngress", groupId, null, what, added);
        } catch (AwsServiceException e) {
          if (!SecurityGroups.isCode(e, "InvalidPermission.Duplicate")) {
            throw e;
          }
          audit.unchanged("ec2:AuthorizeSecurityGroupIngress", groupId, what, "already there (an earlier attempt)");
        }
      }
      String ruleId = offending.rule().securityGroupRuleId();
      try {
        var revoked = ec2.revokeSecurityGroupIngress(r -> r.groupId(groupId).securityGroupRuleIds(ruleId));
        audit.changed("ec2:RevokeSecurityGroupIngress", groupId, SecurityGroups.describe(offending.rule())
            + " (" + ruleId + ")", null, revoked);
      } catch (AwsServiceException e) {
        if (!SecurityGroups.isCode(e, "InvalidSecurityGroupRuleId.NotFound")
            && !SecurityGroups.isCode(e, "InvalidPermission.NotFound")) {
          throw e;
        }
        audit.unchanged("ec2:RevokeSecurityGroupIngress", groupId, ruleId, "already revoked");
      }
    }
  }
}
