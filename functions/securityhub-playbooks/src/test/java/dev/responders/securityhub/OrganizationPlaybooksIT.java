package dev.responders.securityhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.responders.shared.aws.AccountScope;
import dev.responders.shared.aws.DeploymentMode;
import dev.responders.shared.error.RemediationIncompleteException;
import dev.responders.tools.account.MemberAccount;
import dev.responders.tools.emulator.AwsFault;
import dev.responders.tools.emulator.FaultProxy;
import dev.responders.tools.emulator.MotoExtension;
import dev.responders.tools.emulator.WireMockPeer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;

/**
 * Organization mode against moto with two accounts: a finding of member account B (created in moto's organization)
 * is remediated in B through the member role, after DescribeAccount; Security Hub's BatchUpdateFindings (WireMock)
 * gets the note. A finding claiming an account outside the organization is ignored with the reason, and an
 * organization that cannot be asked leaves the finding noted as failed, told and retried, with nothing changed.
 */
@ExtendWith({MotoExtension.class, FaultProxy.Extension.class, WireMockPeer.class})
@WireMockPeer.ForService(SecurityHubClient.class)
class OrganizationPlaybooksIT {

  private static final String SAMPLE_MEMBER = "210987654321";
  private static final String SAMPLE_GROUP = "sg-0123456789abcdef0";

  private PlaybooksScenario scenario;
  private MemberAccount member;
  private Ec2Client memberEc2;
  private String group;

  @BeforeEach
  void seed(WireMockServer securityHub, FaultProxy proxy) {
    scenario = new PlaybooksScenario(securityHub);
    member = MemberAccount.create("workloads");
    memberEc2 = member.client(Ec2Client.builder(), Region.US_EAST_1);
    String vpc = memberEc2.createVpc(r -> r.cidrBlock("10.30.0.0/16")).vpc().vpcId();
    group = memberEc2.createSecurityGroup(r -> r.groupName("web").description("web").vpcId(vpc)).groupId();
    memberEc2.authorizeSecurityGroupIngress(r -> r.groupId(group).ipPermissions(
        NetworkPlaybooksIT.tcp(22, 22, "0.0.0.0/0", "ssh"), NetworkPlaybooksIT.tcp(443, 443, "0.0.0.0/0", "https")));
    proxy.reset();
  }

  private static PlaybooksConfig config(DeploymentMode mode) {
    return PlaybooksScenario.config(Set.of(), false, null, null, PlaybooksScenario.FLOW_LOGS_ROLE,
        new AccountScope("123456789012", "us-east-1", mode));
  }

  private JsonNode invoke(DeploymentMode mode, String account) {
    return PlaybooksScenario.invoke(scenario.handler(config(mode), Clock.systemUTC()),
        PlaybooksScenario.sample("match/custom-action-member-account-ssh-open.json",
            Map.of(SAMPLE_MEMBER, account, SAMPLE_GROUP, group)));
  }

  private List<String> ingress() {
    return memberEc2.describeSecurityGroupRules(r -> r.filters(f -> f.name("group-id").values(group)))
        .securityGroupRules().stream().filter(r -> !r.isEgress()).map(NetworkPlaybooksIT::words).toList();
  }

  private static void report(String label, FaultProxy proxy) {
    System.out.println("API-CALLS " + label + ": " + proxy.reachedInOrder().size() + " " + proxy.reachedInOrder());
  }

  @Test
  void aFindingOfMemberAccountBIsRemediatedThereThroughTheMemberRole(FaultProxy proxy) {
    JsonNode result = invoke(DeploymentMode.ORGANIZATION, member.id());
    report("securityhub-playbooks organization (member finding, first event)", proxy);

    assertThat(result.get("findings")).singleElement().satisfies(f ->
        assertThat(f.get("status").asText()).isEqualTo("remediated"));
    assertThat(ingress()).containsExactly("tcp 443 from 0.0.0.0/0");
    assertThat(proxy.reached("DescribeAccount")).isEqualTo(1);
    assertThat(proxy.reached("AssumeRole")).isEqualTo(1);
    assertThat(scenario.batchUpdates()).singleElement().satisfies(u -> {
      assertThat(u.get("FindingIdentifiers").get(0).get("Id").asText()).contains(":" + member.id() + ":");
      assertThat(u.get("Workflow").get("Status").asText()).isEqualTo("RESOLVED");
    });
  }

  @Test
  void singleAccountModeActsInTheMemberAccountAsBeforeWithoutAskingTheOrganization(FaultProxy proxy) {
    JsonNode result = invoke(DeploymentMode.SINGLE_ACCOUNT, member.id());
    report("securityhub-playbooks single-account (member finding)", proxy);

    assertThat(result.get("findings").get(0).get("status").asText()).isEqualTo("remediated");
    assertThat(ingress()).containsExactly("tcp 443 from 0.0.0.0/0");
    assertThat(proxy.reached("DescribeAccount")).isZero();
  }

  @Test
  void aFindingClaimingAnAccountOutsideTheOrganizationChangesNothingAndSaysWhy(FaultProxy proxy) {
    JsonNode result = invoke(DeploymentMode.ORGANIZATION, MemberAccount.OUTSIDER);

    assertThat(result.get("status").asText()).isEqualTo("skipped");
    assertThat(result.get("ignored")).singleElement().satisfies(i -> assertThat(i.get("reason").asText())
        .isEqualTo("account 999999999999 is not in the organization (organizations:DescribeAccount:"
            + " AccountNotFoundException): the suite acts only for its member accounts"));
    assertThat(proxy.reachedInOrder()).containsExactly("DescribeAccount");
    assertThat(scenario.batchUpdates()).isEmpty();
    assertThat(ingress()).contains("tcp 22 from 0.0.0.0/0");
  }

  @Test
  void aThrottledOrganizationLeavesTheFindingNotedAsFailedAndToldWithNothingChanged(FaultProxy proxy) {
    proxy.failAlways("DescribeAccount", AwsFault.throttling());

    assertThatThrownBy(() -> invoke(DeploymentMode.ORGANIZATION, member.id()))
        .isInstanceOf(RemediationIncompleteException.class);

    assertThat(proxy.reached("AssumeRole")).isZero();
    assertThat(ingress()).contains("tcp 22 from 0.0.0.0/0");
    assertThat(scenario.batchUpdates()).singleElement().satisfies(u -> assertThat(u.get("Note").get("Text").asText())
        .contains("not checked against the organization"));
    assertThat(scenario.inbox.take()).singleElement().satisfies(n -> assertThat(n.get("Subject").asText())
        .contains("FAILED"));
  }
}
