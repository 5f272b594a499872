package dev.responders.securityhub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.responders.shared.aws.AwsClients;
import dev.responders.shared.json.Json;
import dev.responders.tools.emulator.AwsFault;
import dev.responders.tools.emulator.FaultProxy;
import dev.responders.tools.emulator.MotoExtension;
import dev.responders.tools.emulator.WireMockPeer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;

/**
 * Findings of a member account (moto's STS switches account with the role's ARN): acted on there through
 * MemberRoleName, one role session per account and region for the invocation; a role that cannot be assumed gives
 * NOTIFIED with the reason; a GovCloud finding gets {@code arn:aws-us-gov:} ARNs.
 */
@ExtendWith({MotoExtension.class, FaultProxy.Extension.class, WireMockPeer.class})
@WireMockPeer.ForService(SecurityHubClient.class)
class CrossAccountIT {

  static final String MEMBER = "210987654321";

  private PlaybooksScenario scenario;

  @BeforeEach
  void seed(WireMockServer securityHub) {
    scenario = new PlaybooksScenario(securityHub);
  }

  /** EC2 of the member account, as someone there sees it. */
  private Ec2Client memberEc2(String partition, Region region) {
    var credentials = scenario.sts.assumeRole(r -> r.roleArn("arn:" + partition + ":iam::" + MEMBER
        + ":role/member-admin").roleSessionName("seed")).credentials();
    return AwsClients.build(Ec2Client.builder(), region, StaticCredentialsProvider.create(AwsSessionCredentials.create(
        credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken())));
  }

  @Test
  void removesTheSshRuleInTheMemberAccountThroughOneRoleSessionForTwoFindings(FaultProxy proxy) {
    Ec2Client member = memberEc2("aws", Region.US_EAST_1);
    String vpc = member.createVpc(r -> r.cidrBlock("10.30.0.0/16")).vpc().vpcId();
    String group1 = member.createSecurityGroup(r -> r.groupName("a").description("a").vpcId(vpc)).groupId();
    String group2 = member.createSecurityGroup(r -> r.groupName("b").description("b").vpcId(vpc)).groupId();
    for (String group : List.of(group1, group2)) {
      member.authorizeSecurityGroupIngress(r -> r.groupId(group).ipPermissions(
          NetworkPlaybooksIT.tcp(22, 22, "0.0.0.0/0", "ssh"), NetworkPlaybooksIT.tcp(443, 443, "0.0.0.0/0", "https")));
    }
    String event = twoFindings(PlaybooksScenario.sample("match/custom-action-member-account-ssh-open.json"),
        group1, group2);
    proxy.reset();

    JsonNode result = scenario.invoke(event);

    assertThat(result.get("findings")).extracting(f -> f.get("status").asText())
        .containsExactly("remediated", "remediated");
    for (String group : List.of(group1, group2)) {
      assertThat(member.describeSecurityGroupRules(r -> r.filters(f -> f.name("group-id").values(group)))
          .securityGroupRules()).filteredOn(r -> !r.isEgress()).extracting(NetworkPlaybooksIT::words)
          .containsExactly("tcp 443 from 0.0.0.0/0");
    }
    assertThat(proxy.reached("AssumeRole")).as("one session for the account and region").isEqualTo(1);
    assertThat(scenario.ec2.describeSecurityGroups(r -> r.filters(f -> f.name("group-name").values("a", "b")))
        .securityGroups()).as("the groups are the member's, not the function's account's").isEmpty();
  }

  @Test
  void aRoleThatCannotBeAssumedGivesNotifiedWithTheReason(FaultProxy proxy) {
    proxy.failAlways("AssumeRole", AwsFault.accessDenied());

    JsonNode result = scenario.invoke(twoFindings(
        PlaybooksScenario.sample("match/custom-action-member-account-ssh-open.json"), "sg-0aaaaaaaaaaaaaaaa",
        "sg-0bbbbbbbbbbbbbbbb"));

    assertThat(result.get("status").asText()).isEqualTo("completed");
    assertThat(proxy.attempts("AssumeRole")).as("asked once, the refusal remembered for the invocation").isEqualTo(1);
    assertThat(proxy.reached("DescribeSecurityGroups")).isZero();
    List<JsonNode> updates = scenario.batchUpdates();
    assertThat(updates).singleElement().satisfies(u -> {
      assertThat(u.get("FindingIdentifiers")).hasSize(2);
      assertThat(u.get("Workflow").get("Status").asText()).isEqualTo("NOTIFIED");
      assertThat(u.get("Note").get("Text").asText()).startsWith("EC2.13 not remediated (member account role not"
          + " assumed): cannot assume arn:aws:iam::" + MEMBER + ":role/responders-remediation: ")
          .contains("AccessDenied");
    });
  }

  @Test
  void aGovCloudFindingIsActedOnWithGovCloudArns(FaultProxy proxy) {
    Ec2Client member = memberEc2("aws-us-gov", Region.US_GOV_WEST_1);
    String vpc = member.createVpc(r -> r.cidrBlock("10.40.0.0/16")).vpc().vpcId();
    String event = PlaybooksScenario.sample("govcloud/custom-action-flow-logs.json",
        Map.of("vpc-0123456789abcdef0", vpc));

    JsonNode result = scenario.invoke(event);

    assertThat(result.get("findings").get(0).get("status").asText()).isEqualTo("remediated");
    assertThat(member.describeFlowLogs(r -> r.filter(f -> f.name("resource-id").values(vpc))).flowLogs())
        .singleElement().satisfies(f -> {
          assertThat(f.logDestination()).isEqualTo("arn:aws-us-gov:logs:us-gov-west-1:" + MEMBER
              + ":log-group:/aws/vpc-flow-logs/" + vpc);
          assertThat(f.deliverLogsPermissionArn()).isEqualTo("arn:aws-us-gov:iam::" + MEMBER
              + ":role/responders-vpc-flow-logs");
        });
    assertThat(scenario.batchUpdates().get(0).get("FindingIdentifiers").get(0).get("ProductArn").asText())
        .isEqualTo("arn:aws-us-gov:securityhub:us-gov-west-1::product/aws/securityhub");
  }

  /** The sample's finding twice, for two groups (ids told apart). */
  private static String twoFindings(String sample, String group1, String group2) {
    ObjectNode event = (ObjectNode) Json.read(sample, JsonNode.class);
    ArrayNode findings = (ArrayNode) event.get("detail").get("findings");
    ObjectNode second = findings.get(0).deepCopy();
    ((ObjectNode) findings.get(0).get("Resources").get(0)).put("Id",
        "arn:aws:ec2:us-east-1:" + MEMBER + ":security-group/" + group1);
    second.put("Id", second.get("Id").asText() + "-2");
    ((ObjectNode) second.get("Resources").get(0)).put("Id", "arn:aws:ec2:us-east-1:" + MEMBER + ":security-group/"
        + group2);
    findings.add(second);
    return event.toString();
  }
}
