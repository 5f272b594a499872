package dev.responders.isolation;

import static dev.responders.isolation.IsolationScenario.applied;
import static dev.responders.isolation.IsolationScenario.drift;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.shared.error.RemediationIncompleteException;
import dev.responders.tools.emulator.AwsFault;
import dev.responders.tools.emulator.FaultProxy;
import dev.responders.tools.emulator.MotoExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A later change that reopens an isolated instance, made in the emulator, then its CloudTrail event fed to the
 * drift function (moto emits no CloudTrail events): the instance ends contained again, or the change is reported.
 */
@ExtendWith({MotoExtension.class, FaultProxy.Extension.class})
class TagIsolationDriftIT {

  private static final String INSTANCE = "i-0123456789abcdef0";
  private static final String INTERFACE = "eni-0123456789abcdef0";
  private static final String GROUP = "sg-0123456789abcdef0";
  private static final String ASSOCIATION = "iip-assoc-0123456789abcdef0";

  private IsolationScenario scenario;
  private String instance;
  private String eni;

  @BeforeEach
  void isolateAnInstance() {
    scenario = new IsolationScenario();
    instance = scenario.launchTagged(List.of(List.of(scenario.webGroup)));
    scenario.account.associateProfile(instance, "app-server");
    assertThat(scenario.invoke(applied(instance)).get("status").asText()).isEqualTo("isolated");
    eni = scenario.account.interfacesOf(instance).get(0);
    scenario.notifications();
  }

  private String isolationGroup() {
    return scenario.onlyIsolationGroup().groupId();
  }

  private Map<String, String> ids() {
    return Map.of(INSTANCE, instance, INTERFACE, eni, GROUP, isolationGroup());
  }

  @Test
  void anInterfaceMovedBackToItsOldGroupIsContainedAgainUnderTheSameRecord() {
    PriorState recorded = scenario.recordedPriorState(instance);
    scenario.ec2.modifyNetworkInterfaceAttribute(r -> r.networkInterfaceId(eni).groups(scenario.webGroup));

    JsonNode result = scenario.invokeDrift(IsolationScenario.CONFIG, drift("match/interface-groups-changed.json",
        Map.of(INSTANCE, instance, INTERFACE, eni, GROUP, scenario.webGroup)));

    assertThat(result.get("status").asText()).isEqualTo("recontained");
    assertThat(scenario.account.groupsOfInterface(eni)).containsExactly(isolationGroup());
    assertThat(scenario.recordedPriorState(instance)).isEqualTo(recorded);
    assertThat(scenario.notifications()).singleElement().satisfies(n -> {
      assertThat(IsolationScenario.outcome(n)).isEqualTo("drift-recontained");
      assertThat(n.get("Subject").asText()).isEqualTo("Re-contained EC2 instance " + instance + " (web-1) after"
          + " ModifyNetworkInterfaceAttribute");
      assertThat(IsolationScenario.message(n).get("reason").asText()).isEqualTo("ModifyNetworkInterfaceAttribute by"
          + " arn:aws:iam::123456789012:user/dana reopened the isolated instance");
    });
  }

  @Test
  void aDriftThatUndidEveryChangeKeepsTheRecordSoTheReleaseStillRestoresTheOriginal() {
    PriorState recorded = scenario.recordedPriorState(instance);
    String association = scenario.ec2.describeIamInstanceProfileAssociations(r -> r.filters(f -> f.name("instance-id")
        .values(instance))).iamInstanceProfileAssociations().get(0).associationId();
    scenario.ec2.modifyNetworkInterfaceAttribute(r -> r.networkInterfaceId(eni).groups(scenario.adminGroup));
    var replaced = scenario.ec2.replaceIamInstanceProfileAssociation(r -> r.associationId(association)
        .iamInstanceProfile(p -> p.name("app-server")));

    JsonNode result = scenario.invokeDrift(IsolationScenario.CONFIG, drift("match/profile-replaced.json",
        Map.of(INSTANCE, instance, ASSOCIATION, association, "iip-assoc-0fedcba9876543210",
            replaced.iamInstanceProfileAssociation().associationId())));

    assertThat(result.get("status").asText()).isEqualTo("recontained");
    assertThat(scenario.account.profileOf(instance)).hasValueSatisfying(a -> assertThat(a).endsWith("/responders-isolation"));
    assertThat(scenario.account.groupsOfInterface(eni)).containsExactly(isolationGroup());
    assertThat(scenario.recordedPriorState(instance)).as("the drift's state is not recorded").isEqualTo(recorded);
    assertThat(scenario.release(instance).get("status").asText()).isEqualTo("released");
    assertThat(scenario.account.groupsOfInterface(eni)).containsExactly(scenario.webGroup);
  }

  @Test
  void aRuleAddedToTheIsolationGroupIsRevokedAndReported() {
    String group = isolationGroup();
    scenario.ec2.authorizeSecurityGroupIngress(r -> r.groupId(group).ipPermissions(p -> p.ipProtocol("tcp")
        .fromPort(22).toPort(22).ipRanges(ip -> ip.cidrIp("0.0.0.0/0"))));

    JsonNode result = scenario.invokeDrift(IsolationScenario.CONFIG, drift("match/rule-added-to-isolation-group.json",
        ids()));

    assertThat(result.get("status").asText()).isEqualTo("recontained");
    assertThat(result.get("closed_groups")).extracting(JsonNode::asText).containsExactly(group);
    IsolationScenario.assertDeniesAllTraffic(scenario.onlyIsolationGroup());
    assertThat(scenario.notifications()).extracting(IsolationScenario::outcome).contains("drift-reported");
  }

  @Test
  void theIsolationGroupLosingItsPurposeTagMovesTheInstanceToAGroupOfTheSuite() {
    String group = isolationGroup();
    scenario.ec2.deleteTags(r -> r.resources(group).tags(t -> t.key("responders:purpose")));

    JsonNode result = scenario.invokeDrift(IsolationScenario.CONFIG, drift("match/purpose-tag-removed-from-group.json",
        Map.of(GROUP, group)));

    assertThat(result.get("status").asText()).isEqualTo("recontained");
    List<String> now = scenario.account.groupsOfInterface(eni);
    assertThat(now).singleElement().isNotEqualTo(group);
    assertThat(scenario.ec2.describeSecurityGroups(r -> r.groupIds(now.get(0))).securityGroups().get(0).tags())
        .anySatisfy(t -> assertThat(t.key() + "=" + t.value()).isEqualTo("responders:purpose=isolation"));
  }

  @Test
  void theSuitesOwnCallIsNoDriftButASessionNameAloneProvesNothing() {
    scenario.ec2.modifyNetworkInterfaceAttribute(r -> r.networkInterfaceId(eni).groups(scenario.webGroup));
    Map<String, String> ids = Map.of(INSTANCE, instance, INTERFACE, eni, GROUP, scenario.webGroup);

    JsonNode own = scenario.invokeDrift(IsolationScenario.CONFIG, drift("match/suite-own-call.json", ids));

    assertThat(own.get("status").asText()).isEqualTo("skipped");
    assertThat(own.get("reason").asText()).startsWith("the suite's own call");
    assertThat(scenario.account.groupsOfInterface(eni)).containsExactly(scenario.webGroup);

    JsonNode borrowed = scenario.invokeDrift(IsolationScenario.CONFIG, drift("match/suite-session-name-borrowed.json",
        ids));

    assertThat(borrowed.get("status").asText()).isEqualTo("recontained");
    assertThat(scenario.account.groupsOfInterface(eni)).containsExactly(isolationGroup());
  }

  @Test
  void anIsolatedInstanceNoLongerTaggedForIsolationIsReportedNotChanged() {
    scenario.account.tag(instance, Map.of("SecurityResponse", "investigating"));
    scenario.ec2.modifyNetworkInterfaceAttribute(r -> r.networkInterfaceId(eni).groups(scenario.webGroup));

    JsonNode result = scenario.invokeDrift(IsolationScenario.CONFIG, drift("match/interface-groups-changed.json",
        Map.of(INSTANCE, instance, INTERFACE, eni, GROUP, scenario.webGroup)));

    assertThat(result.get("status").asText()).isEqualTo("reported");
    assertThat(result.get("reported")).extracting(JsonNode::asText).containsExactly(instance);
    assertThat(scenario.account.groupsOfInterface(eni)).containsExactly(scenario.webGroup);
    assertThat(scenario.notifications()).singleElement().satisfies(n ->
        assertThat(IsolationScenario.outcome(n)).isEqualTo("drift-reported"));
  }

  @Test
  void aCallOnAnInstanceNeverIsolatedIsNoneOfItsBusiness() {
    String other = scenario.account.launch(scenario.subnetId, List.of(List.of(scenario.webGroup)), Map.of());

    JsonNode result = scenario.invokeDrift(IsolationScenario.CONFIG, drift("match/elastic-ip-associated.json",
        Map.of(INSTANCE, other)));

    assertThat(result.get("status").asText()).isEqualTo("skipped");
    assertThat(scenario.notifications()).isEmpty();
  }

  @Test
  void aReContainmentFailingHalfWayIsReportedAndItsRetryFinishes(FaultProxy proxy) {
    scenario.ec2.modifyNetworkInterfaceAttribute(r -> r.networkInterfaceId(eni).groups(scenario.webGroup));
    String event = drift("match/interface-groups-changed.json",
        Map.of(INSTANCE, instance, INTERFACE, eni, GROUP, scenario.webGroup));
    proxy.failAlways("ModifyNetworkInterfaceAttribute", AwsFault.serverError());

    assertThatThrownBy(() -> scenario.invokeDrift(IsolationScenario.CONFIG, event))
        .isInstanceOf(RemediationIncompleteException.class);
    assertThat(scenario.account.tagsOf(instance)).containsEntry("SecurityResponseStatus", "isolation-failed");
    assertThat(scenario.notifications()).anySatisfy(n -> {
      assertThat(IsolationScenario.outcome(n)).isEqualTo("recontainment-failed");
      assertThat(n.get("Subject").asText()).startsWith("Re-containment FAILED for EC2 instance " + instance);
    });

    proxy.heal("ModifyNetworkInterfaceAttribute");
    assertThat(scenario.invokeDrift(IsolationScenario.CONFIG, event).get("status").asText()).isEqualTo("recontained");
    assertThat(scenario.account.groupsOfInterface(eni)).containsExactly(isolationGroup());
    assertThat(scenario.account.tagsOf(instance)).containsEntry("SecurityResponseStatus", "isolated");
  }
}
