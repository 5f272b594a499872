package dev.responders.securityhub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.responders.tools.emulator.MotoExtension;
import dev.responders.tools.emulator.WireMockPeer;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;

/**
 * EC2.13/14 (CIS 4.1/4.2), EC2.2 and EC2.6 against moto: only the rules opening SSH or RDP to anywhere go (ranges
 * split, IPv6 too), a default group loses every rule, a VPC gets a flow log unless it has one; each with the exact
 * finding update and a second run that changes nothing.
 */
@ExtendWith({MotoExtension.class, WireMockPeer.class})
@WireMockPeer.ForService(SecurityHubClient.class)
class NetworkPlaybooksIT {

  private PlaybooksScenario scenario;
  private String vpcId;

  @BeforeEach
  void seed(WireMockServer securityHub) {
    scenario = new PlaybooksScenario(securityHub);
    vpcId = scenario.ec2.createVpc(r -> r.cidrBlock("10.20.0.0/16")).vpc().vpcId();
  }

  @Test
  void removesOnlyTheSshRuleFromAnywhereThenChangesNothing() {
    String group = group("web");
    ingress(group, tcp(22, 22, "0.0.0.0/0", "admin from anywhere"), tcp(22, 22, "10.0.0.0/8", "admin from the office"),
        tcp(443, 443, "0.0.0.0/0", "https"));
    String sshRule = ruleId(group, "tcp 22 from 0.0.0.0/0");
    String event = PlaybooksScenario.customAction("EC2.13", "AwsEc2SecurityGroup", arn(group));

    JsonNode result = scenario.invoke(event);

    assertThat(ingressOf(group)).containsExactlyInAnyOrder("tcp 22 from 10.0.0.0/8", "tcp 443 from 0.0.0.0/0");
    assertThat(result.get("findings").get(0).get("status").asText()).isEqualTo("remediated");
    scenario.assertOnlyUpdate(PlaybooksScenario.findingIdOf("EC2.13"), "RESOLVED",
        "EC2.13 remediated and verified: revoke tcp 22 from 0.0.0.0/0 (" + sshRule + ")");

    scenario.forgetSecurityHubRequests();
    scenario.invoke(event);

    assertThat(ingressOf(group)).containsExactlyInAnyOrder("tcp 22 from 10.0.0.0/8", "tcp 443 from 0.0.0.0/0");
    scenario.assertOnlyUpdate(PlaybooksScenario.findingIdOf("EC2.13"), "RESOLVED",
        "EC2.13 already compliant, nothing changed");
  }

  @Test
  void splitsAnAllPortsRuleSoOnlySshCloses() {
    String group = group("wide");
    ingress(group, tcp(0, 65535, "0.0.0.0/0", "everything"));
    String wide = ruleId(group, "tcp 0-65535 from 0.0.0.0/0");

    scenario.invoke(PlaybooksScenario.customAction("EC2.13", "AwsEc2SecurityGroup", arn(group)));

    assertThat(ingressOf(group)).containsExactlyInAnyOrder("tcp 0-21 from 0.0.0.0/0", "tcp 23-65535 from 0.0.0.0/0");
    assertThat(scenario.ec2.describeSecurityGroupRules(r -> r.filters(f -> f.name("group-id").values(group)))
        .securityGroupRules()).filteredOn(r -> !r.isEgress()).extracting(SecurityGroupRule::description)
        .containsOnly("everything");
    scenario.assertOnlyUpdate(PlaybooksScenario.findingIdOf("EC2.13"), "RESOLVED",
        "EC2.13 remediated and verified: split tcp 0-65535 from 0.0.0.0/0 (" + wide + "), which opened 22: now tcp"
            + " 0-21, 23-65535 from 0.0.0.0/0");
  }

  @Test
  void rdpFromAnywhereOverIpv6GoesAndTheIpv4RuleOfAnotherPortStays() {
    String group = group("desktops");
    ingress(group, IpPermission.builder().ipProtocol("tcp").fromPort(3389).toPort(3389)
        .ipv6Ranges(r -> r.cidrIpv6("::/0")).build(), tcp(3390, 3390, "0.0.0.0/0", "not rdp"));
    String rdp = ruleId(group, "tcp 3389 from ::/0");

    scenario.invoke(PlaybooksScenario.customAction("EC2.14", "AwsEc2SecurityGroup", arn(group)));

    assertThat(ingressOf(group)).containsExactly("tcp 3390 from 0.0.0.0/0");
    scenario.assertOnlyUpdate(PlaybooksScenario.findingIdOf("EC2.14"), "RESOLVED",
        "EC2.14 remediated and verified: revoke tcp 3389 from ::/0 (" + rdp + ")");
  }

  @Test
  void theDefaultGroupLosesEveryRuleInBothDirections() {
    String group = scenario.ec2.describeSecurityGroups(r -> r.filters(f -> f.name("vpc-id").values(vpcId),
        f -> f.name("group-name").values("default"))).securityGroups().get(0).groupId();
    ingress(group, tcp(22, 22, "10.0.0.0/8", "admin"));
    assertThat(ingressOf(group)).contains("tcp 22 from 10.0.0.0/8");
    assertThat(egressOf(group)).containsExactly("all traffic to 0.0.0.0/0");
    int rules = rules(group).size();
    String event = PlaybooksScenario.customAction("EC2.2", "AwsEc2SecurityGroup", arn(group));

    JsonNode result = scenario.invoke(event);

    assertThat(ingressOf(group)).isEmpty();
    assertThat(egressOf(group)).isEmpty();
    assertThat(result.get("findings").get(0).get("resources").get(0).get("steps")).hasSize(rules);
    assertThat(scenario.batchUpdates().get(0).get("Note").get("Text").asText())
        .startsWith("EC2.2 remediated and verified: revoke ").contains("revoke ingress tcp 22 from 10.0.0.0/8 (sgr-")
        .contains("revoke egress all traffic to 0.0.0.0/0 (sgr-");

    scenario.forgetSecurityHubRequests();
    scenario.invoke(event);

    scenario.assertOnlyUpdate(PlaybooksScenario.findingIdOf("EC2.2"), "RESOLVED",
        "EC2.2 already compliant, nothing changed");
  }

  @Test
  void aGroupThatIsNotTheDefaultIsNotEmptiedForEc2Dot2() {
    String group = group("app");

    scenario.invoke(PlaybooksScenario.customAction("EC2.2", "AwsEc2SecurityGroup", arn(group)));

    assertThat(egressOf(group)).containsExactly("all traffic to 0.0.0.0/0");
    scenario.assertOnlyUpdate(PlaybooksScenario.findingIdOf("EC2.2"), "NOTIFIED", "EC2.2 not remediated: security"
        + " group " + group + " (app) is not a VPC's default group: EC2.2 revokes the rules of default groups only");
  }

  @Test
  void aVpcWithoutFlowLogsGetsOneOfRejectedTrafficThenNothingMore() {
    String event = PlaybooksScenario.customAction("EC2.6", "AwsEc2Vpc",
        "arn:aws:ec2:us-east-1:123456789012:vpc/" + vpcId);

    scenario.invoke(event);

    var flowLogs = scenario.ec2.describeFlowLogs(r -> r.filter(f -> f.name("resource-id").values(vpcId))).flowLogs();
    assertThat(flowLogs).singleElement().satisfies(f -> {
      assertThat(f.trafficTypeAsString()).isEqualTo("REJECT");
      assertThat(f.logDestination()).isEqualTo("arn:aws:logs:us-east-1:123456789012:log-group:/aws/vpc-flow-logs/"
          + vpcId);
      assertThat(f.deliverLogsPermissionArn()).isEqualTo(PlaybooksScenario.FLOW_LOGS_ROLE);
    });
    assertThat(scenario.logs.describeLogGroups(r -> r.logGroupNamePrefix("/aws/vpc-flow-logs/")).logGroups())
        .singleElement().satisfies(g -> assertThat(g.retentionInDays()).isEqualTo(365));
    scenario.assertOnlyUpdate(PlaybooksScenario.findingIdOf("EC2.6"), "RESOLVED",
        "EC2.6 remediated and verified: create log group /aws/vpc-flow-logs/" + vpcId + " (365 days); log rejected"
            + " traffic of " + vpcId + " to /aws/vpc-flow-logs/" + vpcId + " as " + PlaybooksScenario.FLOW_LOGS_ROLE);

    scenario.forgetSecurityHubRequests();
    scenario.invoke(event);

    assertThat(scenario.ec2.describeFlowLogs(r -> r.filter(f -> f.name("resource-id").values(vpcId))).flowLogs())
        .hasSize(1);
    scenario.assertOnlyUpdate(PlaybooksScenario.findingIdOf("EC2.6"), "RESOLVED",
        "EC2.6 already compliant, nothing changed");
  }

  @Test
  void aFlowLogAlreadyThereCountsAndNothingIsCreated() {
    scenario.logs.createLogGroup(r -> r.logGroupName("team-flow-logs"));
    scenario.ec2.createFlowLogs(r -> r.resourceIds(vpcId).resourceType("VPC").trafficType("ALL")
        .logGroupName("team-flow-logs").deliverLogsPermissionArn(PlaybooksScenario.FLOW_LOGS_ROLE));

    scenario.invoke(PlaybooksScenario.customAction("EC2.6", "AwsEc2Vpc",
        "arn:aws:ec2:us-east-1:123456789012:vpc/" + vpcId));

    assertThat(scenario.ec2.describeFlowLogs(r -> r.filter(f -> f.name("resource-id").values(vpcId))).flowLogs())
        .hasSize(1);
    assertThat(scenario.logs.describeLogGroups(r -> r.logGroupNamePrefix("/aws/vpc-flow-logs/")).logGroups()).isEmpty();
    scenario.assertOnlyUpdate(PlaybooksScenario.findingIdOf("EC2.6"), "RESOLVED",
        "EC2.6 already compliant, nothing changed");
  }

  @Test
  void withoutTheFlowLogsRoleParameterEc2Dot6IsNotifiedNamingIt() {
    SecurityHubPlaybooksHandler handler = scenario.handler(PlaybooksScenario.config(Set.of(), false, null, null, null,
        PlaybooksScenario.SCOPE), java.time.Clock.systemUTC());

    PlaybooksScenario.invoke(handler, PlaybooksScenario.customAction("EC2.6", "AwsEc2Vpc",
        "arn:aws:ec2:us-east-1:123456789012:vpc/" + vpcId));

    assertThat(scenario.ec2.describeFlowLogs().flowLogs()).isEmpty();
    scenario.assertOnlyUpdate(PlaybooksScenario.findingIdOf("EC2.6"), "NOTIFIED",
        "EC2.6 not remediated (parameter missing): needs template parameter VpcFlowLogsRoleArn, which is not set");
  }

  private String group(String name) {
    return scenario.ec2.createSecurityGroup(r -> r.groupName(name).description(name).vpcId(vpcId)).groupId();
  }

  private void ingress(String group, IpPermission... permissions) {
    scenario.ec2.authorizeSecurityGroupIngress(r -> r.groupId(group).ipPermissions(permissions));
  }

  static IpPermission tcp(int from, int to, String cidr, String description) {
    return IpPermission.builder().ipProtocol("tcp").fromPort(from).toPort(to)
        .ipRanges(r -> r.cidrIp(cidr).description(description)).build();
  }

  private List<SecurityGroupRule> rules(String group) {
    return scenario.ec2.describeSecurityGroupRules(r -> r.filters(f -> f.name("group-id").values(group)))
        .securityGroupRules();
  }

  private List<String> ingressOf(String group) {
    return rules(group).stream().filter(r -> !r.isEgress()).map(NetworkPlaybooksIT::words).toList();
  }

  private List<String> egressOf(String group) {
    return rules(group).stream().filter(SecurityGroupRule::isEgress).map(NetworkPlaybooksIT::words).toList();
  }

  private String ruleId(String group, String words) {
    return rules(group).stream().filter(r -> words(r).equals(words)).map(SecurityGroupRule::securityGroupRuleId)
        .collect(Collectors.toList()).get(0);
  }

  static String words(SecurityGroupRule rule) {
    return dev.responders.securityhub.playbook.SecurityGroupsView.describe(rule);
  }

  static String arn(String group) {
    return "arn:aws:ec2:us-east-1:123456789012:security-group/" + group;
  }
}
