package dev.responders.isolation;

import static dev.responders.isolation.IsolationScenario.drift;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responders.shared.error.RemediationIncompleteException;
import dev.responders.shared.json.Json;
import dev.responders.tools.account.MemberAccount;
import dev.responders.tools.account.SampleAccount;
import dev.responders.tools.emulator.AwsFault;
import dev.responders.tools.emulator.FaultProxy;
import dev.responders.tools.emulator.MotoExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Drift in organization mode against moto with two accounts: an instance of member account B, isolated by the
 * central function through the member role, is reopened in B; the central drift function re-contains it in B
 * (through the member role again), and the central account's instance is untouched. The isolation's own calls in B
 * (the member role's sessions of the suite's functions) are no drift; an account outside the organization changes
 * nothing; single-account mode still refuses B's call.
 */
@ExtendWith({MotoExtension.class, FaultProxy.Extension.class})
class TagIsolationDriftOrganizationIT {

  private static final String INSTANCE = "i-0123456789abcdef0";
  private static final String INTERFACE = "eni-0123456789abcdef0";
  private static final String GROUP = "sg-0123456789abcdef0";
  private static final IsolationConfig CONFIG = TagIsolationOrganizationIT.CONFIG;

  private IsolationScenario scenario;
  private MemberAccount member;
  private SampleAccount workloads;
  private Ec2Client memberEc2;
  private String memberVpc;
  private String webGroup;
  private String memberInstance;
  private String eni;
  private String ownInstance;

  @BeforeEach
  void isolateAnInstanceOfAccountB(FaultProxy proxy) {
    scenario = new IsolationScenario();
    member = MemberAccount.create("workloads");
    memberEc2 = member.client(Ec2Client.builder(), Region.US_EAST_1);
    workloads = new SampleAccount(memberEc2, member.client(IamClient.builder(), Region.AWS_GLOBAL),
        member.client(AutoScalingClient.builder(), Region.US_EAST_1));
    memberVpc = workloads.createVpc("10.20.0.0/16");
    String subnet = workloads.createSubnet(memberVpc, "10.20.1.0/24");
    webGroup = workloads.createWebGroup(memberVpc, "web");
    workloads.createInstanceProfile("responders-isolation");
    memberInstance = workloads.launch(subnet, List.of(List.of(webGroup)), Map.of("Name", "web-1",
        "SecurityResponse", "isolate"));
    JsonNode isolated = IsolationScenario.invoke(scenario.handlerWith(CONFIG),
        TagIsolationOrganizationIT.appliedIn(member.id(), memberInstance));
    assertThat(isolated.get("status").asText()).isEqualTo("isolated");
    eni = workloads.interfacesOf(memberInstance).get(0);
    ownInstance = scenario.launchTagged(List.of(List.of(scenario.webGroup)));
    scenario.notifications();
    proxy.reset();
  }

  private String isolationGroup() {
    return workloads.groupsNamed(memberVpc, IsolationGroupResolver.groupName(memberVpc)).get(0).groupId();
  }

  /** The interface moved back to its web group in B, and its CloudTrail call as B's rule forwards it. */
  private String reopenedInB() {
    memberEc2.modifyNetworkInterfaceAttribute(r -> r.networkInterfaceId(eni).groups(webGroup));
    return drift("match/interface-groups-changed.json", Map.of(INSTANCE, memberInstance, INTERFACE, eni,
        GROUP, webGroup)).replace("123456789012", member.id());
  }

  /** The same call made by an assumed-role session of {@code roleName} in B. */
  private String reopenedInBBy(String roleName, String session) {
    ObjectNode event = (ObjectNode) Json.read(reopenedInB(), JsonNode.class);
    ObjectNode identity = Json.MAPPER.createObjectNode().put("type", "AssumedRole")
        .put("arn", "arn:aws:sts::" + member.id() + ":assumed-role/" + roleName + "/" + session)
        .put("accountId", member.id());
    identity.putObject("sessionContext").putObject("sessionIssuer").put("type", "Role")
        .put("arn", "arn:aws:iam::" + member.id() + ":role/" + roleName);
    ((ObjectNode) event.get("detail")).set("userIdentity", identity);
    return event.toString();
  }

  @Test
  void driftInAccountBIsReContainedInBAndTheCentralAccountsInstanceIsUntouched(FaultProxy proxy) {
    Map<String, Object> ownBefore = scenario.observableState(ownInstance);
    String event = reopenedInB();
    proxy.reset();

    JsonNode result = scenario.invokeDrift(CONFIG, event);
    System.out.println("API-CALLS tag-isolation-drift organization (member account, re-contained): "
        + proxy.reachedInOrder().size() + " " + proxy.reachedInOrder());

    assertThat(result.get("status").asText()).isEqualTo("recontained");
    assertThat(workloads.groupsOfInterface(eni)).containsExactly(isolationGroup());
    assertThat(scenario.observableState(ownInstance)).isEqualTo(ownBefore);
    assertThat(proxy.reached("DescribeAccount")).isEqualTo(1);
    assertThat(proxy.reached("AssumeRole")).isEqualTo(1);
    assertThat(scenario.notifications()).singleElement().satisfies(n ->
        assertThat(IsolationScenario.outcome(n)).isEqualTo("drift-recontained"));
  }

  @Test
  void theIsolationsOwnSessionsOfTheMemberRoleAreNoDriftButAnyoneElsesAre(FaultProxy proxy) {
    Map<String, String> events = new java.util.LinkedHashMap<>();
    for (String function : List.of("tag-isolation", "tag-release", "tag-isolation-drift")) {
      events.put(function, reopenedInBBy("responders-remediation", function));
    }
    proxy.reset();
    for (String function : events.keySet()) {
      JsonNode own = scenario.invokeDrift(CONFIG, events.get(function));

      assertThat(own.get("status").asText()).as(function).isEqualTo("skipped");
      assertThat(own.get("reason").asText()).as(function).startsWith("the suite's own call (arn:aws:sts::"
          + member.id() + ":assumed-role/responders-remediation/" + function);
    }
    assertThat(proxy.reachedInOrder()).as("decided without a call").isEmpty();
    assertThat(workloads.groupsOfInterface(eni)).containsExactly(webGroup);

    JsonNode someoneElse = scenario.invokeDrift(CONFIG, reopenedInBBy("responders-remediation", "dana"));

    assertThat(someoneElse.get("status").asText()).isEqualTo("recontained");
    assertThat(workloads.groupsOfInterface(eni)).containsExactly(isolationGroup());
  }

  @Test
  void theSuitesSessionNameOnAnotherRoleOfBIsDrift() {
    JsonNode result = scenario.invokeDrift(CONFIG, reopenedInBBy("admin", "tag-isolation"));

    assertThat(result.get("status").asText()).isEqualTo("recontained");
    assertThat(workloads.groupsOfInterface(eni)).containsExactly(isolationGroup());
  }

  @Test
  void aCallClaimingAnAccountOutsideTheOrganizationChangesNothingAndSaysWhy(FaultProxy proxy) {
    String forged = reopenedInB().replace(member.id(), MemberAccount.OUTSIDER);
    proxy.reset();

    JsonNode result = scenario.invokeDrift(CONFIG, forged);

    assertThat(result.get("status").asText()).isEqualTo("skipped");
    assertThat(result.get("reason").asText()).isEqualTo("account 999999999999 is not in the organization"
        + " (organizations:DescribeAccount: AccountNotFoundException): the suite acts only for its member accounts");
    assertThat(proxy.reachedInOrder()).containsExactly("DescribeAccount");
    assertThat(workloads.groupsOfInterface(eni)).containsExactly(webGroup);
  }

  @Test
  void singleAccountModeStillRefusesBsCall(FaultProxy proxy) {
    String event = reopenedInB();
    proxy.reset();

    JsonNode result = scenario.invokeDrift(IsolationScenario.CONFIG, event);

    assertThat(result.get("status").asText()).isEqualTo("skipped");
    assertThat(result.get("reason").asText()).isEqualTo("event of account '" + member.id() + "' in 'us-east-1': this"
        + " function acts in 123456789012 us-east-1 only");
    assertThat(proxy.reachedInOrder()).isEmpty();
    assertThat(workloads.groupsOfInterface(eni)).containsExactly(webGroup);
  }

  @Test
  void aDeniedMemberRoleChangesNothingAndIsReported(FaultProxy proxy) {
    String event = reopenedInB();
    proxy.failAlways("AssumeRole", AwsFault.accessDenied());

    assertThatThrownBy(() -> scenario.invokeDrift(CONFIG, event))
        .isInstanceOfSatisfying(RemediationIncompleteException.class, e -> {
          assertThat(e.failedAction()).isEqualTo("sts:AssumeRole");
          assertThat(e.completed()).isEmpty();
        });

    assertThat(workloads.groupsOfInterface(eni)).containsExactly(webGroup);
    assertThat(scenario.notifications()).singleElement().satisfies(n -> {
      assertThat(IsolationScenario.outcome(n)).isEqualTo("recontainment-failed");
      assertThat(n.get("Subject").asText()).isEqualTo("Re-containment FAILED after ModifyNetworkInterfaceAttribute:"
          + " account " + member.id() + " not reached");
    });
  }
}
