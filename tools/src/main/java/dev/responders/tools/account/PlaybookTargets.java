package dev.responders.tools.account;

import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * What the securityhub-playbooks' sample findings are about, seeded in the emulator for the demo and the
 * benchmark: the account's weak password policy (IAM.7) and a security group open to SSH from anywhere (CIS 4.1).
 */
public final class PlaybookTargets {

  /** The group id the SSH sample finding names; replaced by the seeded group's. */
  public static final String SAMPLE_GROUP = "sg-0123456789abcdef0";

  private PlaybookTargets() {
  }

  /** A policy IAM.7 fails: 8 characters, numbers only required. */
  public static void weakPasswordPolicy(IamClient iam) {
    iam.updateAccountPasswordPolicy(r -> r.minimumPasswordLength(8).requireNumbers(true)
        .allowUsersToChangePassword(true));
  }

  /**
   * A group "web" in a new VPC of {@code cidr} opening SSH to the world and to the office network, and HTTPS to
   * the world: CIS 4.1's remediation takes only the first rule away. Returns the group id.
   */
  public static String groupOpenToSsh(Ec2Client ec2, String cidr) {
    String vpc = ec2.createVpc(r -> r.cidrBlock(cidr)).vpc().vpcId();
    String group = ec2.createSecurityGroup(r -> r.groupName("web").description("web servers").vpcId(vpc)).groupId();
    ec2.authorizeSecurityGroupIngress(r -> r.groupId(group).ipPermissions(
        tcp(22, "0.0.0.0/0", "admin from anywhere"), tcp(22, "10.0.0.0/8", "admin from the office"),
        tcp(443, "0.0.0.0/0", "https")));
    return group;
  }

  /** The CIS 1.2.0 4.1 sample finding, aimed at {@code groupId}. */
  public static String sshFindingOn(String groupId) {
    return SampleEvents.read("securityhub-playbooks", "match/custom-action-cis-1.2.0-ssh-open.json")
        .replace(SAMPLE_GROUP, groupId);
  }

  private static IpPermission tcp(int port, String cidr, String description) {
    return IpPermission.builder().ipProtocol("tcp").fromPort(port).toPort(port)
        .ipRanges(r -> r.cidrIp(cidr).description(description)).build();
  }
}
