package dev.responders.isolation;

import static dev.responders.isolation.IsolationScenario.applied;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.json.Json;
import dev.responders.shared.lambda.TimeBudget;
import dev.responders.tools.emulator.FaultProxy;
import dev.responders.tools.emulator.MotoExtension;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * Security groups do not cut connections EC2 already tracks: each interface first gets the VPC's all-traffic
 * group (its flows become untracked), then at once the deny-all group. Proved by the calls that reach EC2, their
 * order, and the audit's measure of the window.
 */
@ExtendWith({MotoExtension.class, FaultProxy.Extension.class})
class TrackedConnectionCutIT {

  private IsolationScenario scenario;

  @BeforeEach
  void seedAccount() {
    scenario = new IsolationScenario();
  }

  @Test
  void everyInterfaceGetsTheAllTrafficGroupThenTheDenyAllGroupBackToBack(FaultProxy proxy) {
    String instance = scenario.launchTagged(List.of(List.of(scenario.webGroup), List.of(scenario.adminGroup)));
    List<String> audit = new ArrayList<>();
    proxy.reset();

    JsonNode result = isolate(instance, IsolationScenario.CONFIG, audit);

    assertThat(result.get("status").asText()).isEqualTo("isolated");
    List<String> calls = proxy.reachedInOrder();
    List<Integer> moves = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      if (calls.get(i).equals("ModifyNetworkInterfaceAttribute")) {
        moves.add(i);
      }
    }
    // Per interface: the shortest connection-tracking timeouts, then the two moves.
    assertThat(moves).as("three calls per interface").hasSize(6);
    assertThat(moves.get(2) - moves.get(1)).as("nothing between the two moves of the first interface").isEqualTo(1);
    assertThat(moves.get(5) - moves.get(4)).as("nor of the second").isEqualTo(1);
    SecurityGroup untrack = untrackGroup();
    assertThat(untrack.tags()).anySatisfy(t -> assertThat(t.key() + "=" + t.value())
        .isEqualTo("responders:purpose=untrack-connections"));
    assertThat(cidrs(untrack.ipPermissions())).containsExactlyInAnyOrder("0.0.0.0/0", "::/0");
    assertThat(cidrs(untrack.ipPermissionsEgress())).containsExactlyInAnyOrder("0.0.0.0/0", "::/0");
    String isolation = scenario.onlyIsolationGroup().groupId();
    scenario.account.interfacesOf(instance).forEach(eni ->
        assertThat(scenario.account.groupsOfInterface(eni)).containsExactly(isolation));
    List<String> windows = audit.stream().filter(l -> l.contains("\"tracked-connections-cut\"")).toList();
    assertThat(windows).hasSize(2).allSatisfy(line -> assertThat(line).containsPattern("for \\d+ ms before"));
    System.out.println("tag-isolation tracked-connection windows: " + windows.stream()
        .map(l -> l.replaceAll(".*for (\\d+) ms.*", "$1 ms")).toList());
  }

  @Test
  void aSecondIsolationInTheVpcReusesTheAllTrafficGroupAndARedeliveryMovesNothing(FaultProxy proxy) {
    String first = scenario.launchTagged(List.of(List.of(scenario.webGroup)));
    String second = scenario.launchTagged(List.of(List.of(scenario.adminGroup)));
    scenario.invoke(applied(first));
    proxy.reset();

    scenario.invoke(applied(second));
    scenario.invoke(applied(second));

    assertThat(proxy.reached("CreateSecurityGroup")).isZero();
    assertThat(proxy.reached("AuthorizeSecurityGroupIngress")).isZero();
    assertThat(proxy.reached("ModifyNetworkInterfaceAttribute"))
        .as("the shortest tracking timeouts and two moves, then none on redelivery").isEqualTo(3);
  }

  @Test
  void withTheCutDisabledEachInterfaceMovesOnceAndNoAllTrafficGroupExists(FaultProxy proxy) {
    String instance = scenario.launchTagged(List.of(List.of(scenario.webGroup), List.of(scenario.adminGroup)));
    proxy.reset();

    isolate(instance, IsolationScenario.config("responders-isolation", true, false), new ArrayList<>());

    assertThat(proxy.reached("ModifyNetworkInterfaceAttribute")).isEqualTo(2);
    assertThat(scenario.account.groupsNamed(scenario.vpcId, UntrackingGroupResolver.groupName(scenario.vpcId)))
        .isEmpty();
  }

  @Test
  void aSquattedAllTrafficGroupNameIsReportedAndNotUsed() {
    String squatted = scenario.ec2.createSecurityGroup(r -> r.vpcId(scenario.vpcId)
        .groupName(UntrackingGroupResolver.groupName(scenario.vpcId)).description("planted")).groupId();
    String instance = scenario.launchTagged(List.of(List.of(scenario.webGroup)));

    JsonNode result = scenario.invoke(applied(instance));

    assertThat(result.get("status").asText()).isEqualTo("isolated");
    assertThat(result.get("warnings").toString()).contains(squatted).contains("not tagged");
    assertThat(scenario.ec2.describeSecurityGroups(r -> r.groupIds(squatted)).securityGroups().get(0)
        .ipPermissions()).as("the planted group gets no rule").isEmpty();
  }

  private JsonNode isolate(String instance, IsolationConfig config, List<String> lines) {
    TagChangeEvent event = TagChangeEvent.parse(Json.read(applied(instance), JsonNode.class));
    AuditLog audit = new AuditLog(TagIsolationHandler.NAME, event.eventId(), lines::add, Clock.systemUTC());
    return Json.read(Json.write(scenario.isolator(config).isolate(event, audit, TimeBudget.unlimited())),
        JsonNode.class);
  }

  private SecurityGroup untrackGroup() {
    List<SecurityGroup> groups = scenario.account.groupsNamed(scenario.vpcId,
        UntrackingGroupResolver.groupName(scenario.vpcId));
    assertThat(groups).hasSize(1);
    return groups.get(0);
  }

  private static List<String> cidrs(List<IpPermission> rules) {
    List<String> cidrs = new ArrayList<>();
    rules.stream().filter(p -> "-1".equals(p.ipProtocol())).forEach(p -> {
      p.ipRanges().forEach(r -> cidrs.add(r.cidrIp()));
      p.ipv6Ranges().forEach(r -> cidrs.add(r.cidrIpv6()));
    });
    return cidrs;
  }
}
