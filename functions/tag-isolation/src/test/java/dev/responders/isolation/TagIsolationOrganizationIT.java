package dev.responders.isolation;

import static dev.responders.isolation.IsolationScenario.applied;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.shared.aws.AccountScope;
import dev.responders.shared.aws.Deployment;
import dev.responders.shared.aws.DeploymentMode;
import dev.responders.shared.aws.OrganizationAccess;
import dev.responders.shared.error.RemediationIncompleteException;
import dev.responders.tools.account.MemberAccount;
import dev.responders.tools.account.SampleAccount;
import dev.responders.tools.emulator.AwsFault;
import dev.responders.tools.emulator.FaultProxy;
import dev.responders.tools.emulator.MotoExtension;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
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
 * Organization mode against moto with two accounts: the central function in account 123456789012 (the
 * organization's management account) contains the instance of member account B through the member role, and only
 * it: an instance of its own account carrying the same tags is untouched. An event claiming an account outside the
 * organization changes nothing and says why; single-account mode still refuses B's event.
 */
@ExtendWith({MotoExtension.class, FaultProxy.Extension.class})
class TagIsolationOrganizationIT {

  static final Deployment ORGANIZATION = new Deployment(DeploymentMode.ORGANIZATION, "responders-remediation",
      "o-abc1234567");
  static final IsolationConfig CONFIG = organization(IsolationScenario.CONFIG);

  private IsolationScenario scenario;
  private MemberAccount member;
  private SampleAccount workloads;
  private String memberVpc;
  private String memberInstance;
  private String ownInstance;

  static IsolationConfig organization(IsolationConfig c) {
    return new IsolationConfig(c.tagKey(), c.tagValue(), c.releaseTagValue(), c.instanceProfileName(),
        c.statusTagKey(), c.stateParameterPrefix(), c.snapshotVolumes(), c.cutTrackedConnections(),
        c.revokeRoleSessions(), c.disableInstanceMetadata(), c.recordKeyId(), new AccountScope(c.scope().account(), c.scope().region(),
        DeploymentMode.ORGANIZATION), ORGANIZATION);
  }

  @BeforeEach
  void seedTwoAccounts(FaultProxy proxy) {
    scenario = new IsolationScenario();
    member = MemberAccount.create("workloads");
    workloads = new SampleAccount(member.client(Ec2Client.builder(), Region.US_EAST_1),
        member.client(IamClient.builder(), Region.AWS_GLOBAL), member.client(AutoScalingClient.builder(),
        Region.US_EAST_1));
    memberVpc = workloads.createVpc("10.20.0.0/16");
    String subnet = workloads.createSubnet(memberVpc, "10.20.1.0/24");
    String web = workloads.createWebGroup(memberVpc, "web");
    workloads.createInstanceProfile("responders-isolation");
    memberInstance = workloads.launch(subnet, List.of(List.of(web)), Map.of("Name", "web-1",
        "SecurityResponse", "isolate"));
    ownInstance = scenario.launchTagged(List.of(List.of(scenario.webGroup)));
    proxy.reset();
  }

  /** The sample event as EventBridge delivers it for an instance of {@code account}. */
  static String appliedIn(String account, String instanceId) {
    return applied(instanceId).replace("123456789012", account);
  }

  private JsonNode invoke(IsolationConfig config, String event) {
    return IsolationScenario.invoke(scenario.handlerWith(config), event);
  }

  private static void report(String label, FaultProxy proxy) {
    System.out.println("API-CALLS " + label + ": " + proxy.reachedInOrder().size() + " " + proxy.reachedInOrder());
  }

  @Test
  void anIsolationEventOfAccountBContainsOnlyAccountBsInstance(FaultProxy proxy) {
    Map<String, Object> ownBefore = scenario.observableState(ownInstance);
    proxy.reset();

    JsonNode result = invoke(CONFIG, appliedIn(member.id(), memberInstance));
    report("tag-isolation organization (member account, first event)", proxy);

    assertThat(result.get("status").asText()).isEqualTo("isolated");
    String isolationGroup = result.get("isolation_group_ids").get(0).asText();
    assertThat(workloads.groupsNamed(memberVpc, IsolationGroupResolver.groupName(memberVpc)))
        .singleElement().satisfies(g -> assertThat(g.groupId()).isEqualTo(isolationGroup));
    assertThat(workloads.interfacesOf(memberInstance)).allSatisfy(eni ->
        assertThat(workloads.groupsOfInterface(eni)).containsExactly(isolationGroup));
    assertThat(workloads.profileOf(memberInstance)).hasValueSatisfying(p -> assertThat(p)
        .endsWith("/responders-isolation"));
    assertThat(workloads.tagsOf(memberInstance)).containsEntry("SecurityResponseStatus", "isolated");
    assertThat(scenario.observableState(ownInstance)).as("the central account's instance with the same tags")
        .isEqualTo(ownBefore);
    assertThat(scenario.recordedPriorState(memberInstance).interfaces()).hasSize(1);
    assertThat(proxy.reached("DescribeAccount")).isEqualTo(1);
    assertThat(proxy.reached("AssumeRole")).isEqualTo(1);
  }

  @Test
  void theReleaseOfAccountBsInstanceRestoresItThere() {
    invoke(CONFIG, appliedIn(member.id(), memberInstance));
    workloads.tag(memberInstance, Map.of("SecurityResponse", "release"));

    JsonNode result;
    var out = new java.io.ByteArrayOutputStream();
    new TagReleaseHandler(CONFIG, scenario.clients(), Clock.systemUTC()).handleRequest(new java.io.ByteArrayInputStream(
        IsolationScenario.releaseRequested(memberInstance).replace("123456789012", member.id())
            .getBytes(java.nio.charset.StandardCharsets.UTF_8)), out, null);
    result = dev.responders.shared.json.Json.read(out.toString(java.nio.charset.StandardCharsets.UTF_8),
        JsonNode.class);

    assertThat(result.get("status").asText()).isEqualTo("released");
    assertThat(workloads.interfacesOf(memberInstance)).allSatisfy(eni ->
        assertThat(workloads.groupsOfInterface(eni)).doesNotContain(result.toString()).hasSize(1)
            .noneMatch(g -> workloads.groupsNamed(memberVpc, IsolationGroupResolver.groupName(memberVpc)).stream()
                .anyMatch(i -> i.groupId().equals(g))));
  }

  @Test
  void anEventClaimingAnAccountOutsideTheOrganizationChangesNothingAndSaysWhy(FaultProxy proxy) {
    Map<String, Object> ownBefore = scenario.observableState(ownInstance);
    proxy.reset();

    JsonNode result = invoke(CONFIG, appliedIn(MemberAccount.OUTSIDER, memberInstance));
    List<String> calls = proxy.reachedInOrder();

    assertThat(result.get("status").asText()).isEqualTo("skipped");
    assertThat(result.get("reason").asText()).isEqualTo("account 999999999999 is not in the organization"
        + " (organizations:DescribeAccount: AccountNotFoundException): the suite acts only for its member accounts");
    assertThat(workloads.tagsOf(memberInstance)).doesNotContainKey("SecurityResponseStatus");
    assertThat(scenario.observableState(ownInstance)).isEqualTo(ownBefore);
    assertThat(calls).containsExactly("DescribeAccount");
  }

  @Test
  void anEventOfAccountBNamingAnInstanceOfAnotherAccountIsRefusedWithoutACall(FaultProxy proxy) {
    String forged = applied(memberInstance).replaceFirst("\"account\"\\s*:\\s*\"123456789012\"",
        "\"account\":\"" + member.id() + "\"");

    JsonNode result = invoke(CONFIG, forged);

    assertThat(result.get("reason").asText()).isEqualTo("resource is in account 123456789012, the event is of"
        + " account " + member.id());
    assertThat(proxy.reachedInOrder()).isEmpty();
  }

  @Test
  void singleAccountModeStillRefusesAnotherAccountsEvent(FaultProxy proxy) {
    JsonNode result = invoke(IsolationScenario.CONFIG, appliedIn(member.id(), memberInstance));
    List<String> calls = proxy.reachedInOrder();

    assertThat(result.get("status").asText()).isEqualTo("skipped");
    assertThat(result.get("reason").asText()).isEqualTo("event is from account " + member.id()
        + ", this function acts in account 123456789012");
    assertThat(calls).isEmpty();
    assertThat(workloads.tagsOf(memberInstance)).doesNotContainKey("SecurityResponseStatus");
  }

  @Test
  void bothModesContainTheFunctionsOwnInstanceWithoutAnOrganizationCall(FaultProxy proxy) {
    String second = scenario.launchTagged(List.of(List.of(scenario.webGroup)));
    proxy.reset();
    assertThat(invoke(IsolationScenario.CONFIG, applied(ownInstance)).get("status").asText()).isEqualTo("isolated");
    report("tag-isolation single-account (own account)", proxy);
    int single = proxy.reachedInOrder().size();
    proxy.reset();

    assertThat(invoke(CONFIG, applied(second)).get("status").asText()).isEqualTo("isolated");

    assertThat(proxy.reached("DescribeAccount") + proxy.reached("AssumeRole")).isZero();
    report("tag-isolation organization (own account)", proxy);
    assertThat(proxy.reachedInOrder().size()).as("the second instance finds the isolation group made")
        .isLessThanOrEqualTo(single);
  }

  @Test
  void aDeniedMemberRoleChangesNothingAndIsReported(FaultProxy proxy) {
    proxy.failAlways("AssumeRole", AwsFault.accessDenied());

    assertThatThrownBy(() -> invoke(CONFIG, appliedIn(member.id(), memberInstance)))
        .isInstanceOfSatisfying(RemediationIncompleteException.class, e -> {
          assertThat(e.failedAction()).isEqualTo("sts:AssumeRole");
          assertThat(e.completed()).isEmpty();
        });

    assertThat(workloads.tagsOf(memberInstance)).doesNotContainKey("SecurityResponseStatus");
    assertThat(proxy.reached("ModifyNetworkInterfaceAttribute") + proxy.reached("CreateSecurityGroup")).isZero();
    assertThat(scenario.notifications()).singleElement().satisfies(n -> {
      assertThat(IsolationScenario.outcome(n)).isEqualTo(Outcome.ISOLATION_FAILED.label());
      assertThat(n.get("Subject").asText()).isEqualTo("Isolation FAILED for EC2 instance " + memberInstance
          + ": account " + member.id() + " not reached");
      assertThat(IsolationScenario.message(n).get("error").asText()).contains("not authorized");
    });
  }

  @Test
  void aThrottledOrganizationChangesNothingAndIsReported(FaultProxy proxy) {
    proxy.failAlways("DescribeAccount", AwsFault.throttling());

    assertThatThrownBy(() -> invoke(CONFIG, appliedIn(member.id(), memberInstance)))
        .isInstanceOfSatisfying(RemediationIncompleteException.class, e ->
            assertThat(e.failedAction()).isEqualTo("organizations:DescribeAccount"));

    assertThat(proxy.attempts("DescribeAccount")).isEqualTo(3);
    assertThat(proxy.reached("AssumeRole")).isZero();
    assertThat(workloads.tagsOf(memberInstance)).doesNotContainKey("SecurityResponseStatus");
    assertThat(scenario.notifications()).singleElement().satisfies(n ->
        assertThat(IsolationScenario.outcome(n)).isEqualTo(Outcome.ISOLATION_FAILED.label()));
  }

  /** What reaching a member account costs the first time (DescribeAccount + AssumeRole) and once cached. */
  @Test
  void reachingAMemberAccountIsPaidOncePerContainer() {
    List<Long> first = new ArrayList<>();
    List<Long> cached = new ArrayList<>();
    for (int round = 0; round < 15; round++) {
      OrganizationAccess access = OrganizationAccess.create(ORGANIZATION, CONFIG.scope(), "latency");
      var clients = access.clients("home", (region, credentials) -> credentials.resolveCredentials().accessKeyId());
      long start = System.nanoTime();
      assertThat(access.refusal(member.id())).isEmpty();
      assertThat(clients.in(member.id(), "us-east-1")).isNotBlank();
      long middle = System.nanoTime();
      access.refusal(member.id());
      clients.in(member.id(), "us-east-1");
      long end = System.nanoTime();
      if (round > 2) {
        first.add(middle - start);
        cached.add(end - middle);
      }
    }
    Collections.sort(first);
    Collections.sort(cached);
    System.out.println("LATENCY first use (DescribeAccount + AssumeRole) median " + first.get(first.size() / 2) / 1000
        + " us, cached median " + cached.get(cached.size() / 2) / 1000 + " us (moto on loopback)");
    assertThat(cached.get(cached.size() / 2)).isLessThan(first.get(first.size() / 2));
  }
}
