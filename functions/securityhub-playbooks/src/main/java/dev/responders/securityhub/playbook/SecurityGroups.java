package dev.responders.securityhub.playbook;

import dev.responders.shared.aws.Pages;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupRulesResponse;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;

/** The security group a network finding names, its rules as EC2 reports them now, and those rules in words. */
final class SecurityGroups {

  private SecurityGroups() {
  }

  static SecurityGroup group(Ec2Client ec2, String groupId) {
    try {
      return ec2.describeSecurityGroups(r -> r.groupIds(groupId)).securityGroups().stream().findFirst()
          .orElseThrow(() -> gone(groupId));
    } catch (AwsServiceException e) {
      if (isCode(e, "InvalidGroup.NotFound")) {
        throw gone(groupId);
      }
      throw e;
    }
  }

  static List<SecurityGroupRule> rules(Ec2Client ec2, String groupId) {
    return Pages.collect(
        token -> ec2.describeSecurityGroupRules(r -> r.filters(f -> f.name("group-id").values(groupId)).nextToken(token)),
        DescribeSecurityGroupRulesResponse::securityGroupRules, DescribeSecurityGroupRulesResponse::nextToken);
  }

  /** "tcp 22 from 0.0.0.0/0", "all traffic to ::/0", "udp 0-65535 from sg-0abc". */
  static String describe(SecurityGroupRule rule) {
    String peer = rule.cidrIpv4() != null ? rule.cidrIpv4() : rule.cidrIpv6() != null ? rule.cidrIpv6()
        : rule.prefixListId() != null ? rule.prefixListId()
        : rule.referencedGroupInfo() != null ? rule.referencedGroupInfo().groupId() : "?";
    return protocolAndPorts(rule.ipProtocol(), rule.fromPort(), rule.toPort())
        + (Boolean.TRUE.equals(rule.isEgress()) ? " to " : " from ") + peer;
  }

  static String protocolAndPorts(String protocol, Integer from, Integer to) {
    if (isAllTraffic(protocol)) {
      return "all traffic";
    }
    String name = "6".equals(protocol) ? "tcp" : "17".equals(protocol) ? "udp" : protocol;
    if (from == null || from == -1) {
      return name + " all";
    }
    return name + " " + ports(from, to);
  }

  static String ports(int from, int to) {
    return from == to ? String.valueOf(from) : from + "-" + to;
  }

  static boolean isAllTraffic(String protocol) {
    return "-1".equals(protocol) || "all".equalsIgnoreCase(protocol);
  }

  static boolean isCode(AwsServiceException e, String code) {
    return e.awsErrorDetails() != null && code.equals(e.awsErrorDetails().errorCode());
  }

  private static NotRemediableException gone(String groupId) {
    return new NotRemediableException("security group " + groupId + " no longer exists");
  }
}
