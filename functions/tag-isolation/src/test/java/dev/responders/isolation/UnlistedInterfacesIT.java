package dev.responders.isolation;

import static dev.responders.isolation.IsolationScenario.applied;
import static dev.responders.isolation.IsolationScenario.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.isolation.InstanceInspector.Inspection;
import dev.responders.isolation.PriorState.InterfaceGroups;
import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.error.RemediationIncompleteException;
import dev.responders.tools.emulator.AwsFault;
import dev.responders.tools.emulator.FaultProxy;
import dev.responders.tools.emulator.MotoExtension;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.model.NetworkInterfaceCreationType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * An EKS node with security groups for pods: its primary interface, a trunk interface attached at device index 1,
 * and a pod's branch interface on that trunk, which DescribeInstances does not list and which is attached at no
 * device index (found by the tag EKS puts on it, as in EC2). The pod's traffic is filtered at the branch interface,
 * so isolating the node must isolate it too, record it, and a release must put its groups back.
 */
@ExtendWith({MotoExtension.class, FaultProxy.Extension.class})
class UnlistedInterfacesIT {

  private IsolationScenario scenario;
  private String instance;
  private String trunk;
  private String branch;

  @BeforeEach
  void seedAnEksNodeWithAPodOnATrunk() {
    scenario = new IsolationScenario();
    instance = scenario.launchTagged(List.of(List.of(scenario.webGroup)));
    trunk = scenario.ec2.createNetworkInterface(r -> r.subnetId(scenario.subnetId).groups(scenario.adminGroup)
        .interfaceType(NetworkInterfaceCreationType.TRUNK).description("aws-k8s-trunk-eni")).networkInterface()
        .networkInterfaceId();
    scenario.ec2.attachNetworkInterface(r -> r.instanceId(instance).networkInterfaceId(trunk).deviceIndex(1));
    branch = scenario.ec2.createNetworkInterface(r -> r.subnetId(scenario.subnetId)
        .groups(scenario.adminGroup, scenario.webGroup).interfaceType(NetworkInterfaceCreationType.BRANCH)
        .description("aws-k8s-branch-eni").tagSpecifications(t -> t.resourceType(ResourceType.NETWORK_INTERFACE)
            .tags(Tag.builder().key(UnlistedInterfaces.EKS_TRUNK_TAG).value(trunk).build(),
                Tag.builder().key("eks:eni:owner").value("eks-vpc-resource-controller").build())))
        .networkInterface().networkInterfaceId();
    assertThat(scenario.account.interfacesOf(instance)).as("DescribeInstances lists no branch interface")
        .doesNotContain(branch);
  }

  @Test
  void isolatingTheNodeIsolatesThePodsBranchInterfaceAndReleasingItPutsItsGroupsBackInOrder(FaultProxy proxy) {
    proxy.reset();
    JsonNode isolated = scenario.invoke(applied(instance));
    List<String> isolationCalls = proxy.reachedInOrder();

    assertThat(isolated.get("status").asText()).isEqualTo("isolated");
    String isolationGroup = scenario.onlyIsolationGroup().groupId();
    assertThat(scenario.account.groupsOfInterface(branch)).containsExactly(isolationGroup);
    assertThat(scenario.account.groupsOfInterface(trunk)).containsExactly(isolationGroup);
    assertThat(scenario.account.groupsOfInterface(scenario.account.interfacesOf(instance).get(0)))
        .containsExactly(isolationGroup);
    InterfaceGroups recorded = recordedInterface(branch);
    assertThat(recorded.groupIds()).containsExactly(scenario.adminGroup, scenario.webGroup);
    assertThat(recorded.deviceIndex()).isEqualTo(UnlistedInterfaces.NO_DEVICE_INDEX);
    assertThat(recordedInterface(trunk).groupIds()).containsExactly(scenario.adminGroup);
    assertThat(isolated.get("changes").findValuesAsText("target")).contains(branch);
    assertThat(isolationCalls).filteredOn("DescribeNetworkInterfaces"::equals).as("by attachment, then by trunk")
        .hasSize(2);

    proxy.reset();
    JsonNode released = scenario.release(instance);
    List<String> releaseCalls = proxy.reachedInOrder();

    assertThat(released.get("status").asText()).isEqualTo("released");
    assertThat(scenario.account.groupsOfInterface(branch)).containsExactly(scenario.adminGroup, scenario.webGroup);
    assertThat(scenario.account.groupsOfInterface(trunk)).containsExactly(scenario.adminGroup);
    assertThat(scenario.account.groupsOfInterface(scenario.account.interfacesOf(instance).get(0)))
        .containsExactly(scenario.webGroup);
    assertThat(scenario.notifications()).extracting(IsolationScenario::outcome)
        .containsExactly("isolated", "released");
    System.out.printf("tag-isolation API calls with a trunk and a branch interface: isolation %d, release %d%n",
        isolationCalls.size(), releaseCalls.size());
  }

  @Test
  void aRedeliveredIsolationFindsTheBranchInterfaceContainedAndChangesNothing() {
    scenario.invoke(applied(instance));
    Map<String, Object> isolated = scenario.observableState(instance);
    List<String> branchGroups = scenario.account.groupsOfInterface(branch);
    scenario.notifications();

    JsonNode again = scenario.invoke(applied(instance));

    assertThat(again.get("status").asText()).isEqualTo("already-isolated");
    assertThat(again.get("changes")).isEmpty();
    assertThat(scenario.observableState(instance)).isEqualTo(isolated);
    assertThat(scenario.account.groupsOfInterface(branch)).isEqualTo(branchGroups);
    assertThat(scenario.notifications()).isEmpty();
  }

  @Test
  void aFailureOnTheBranchInterfaceHalfWayIsReportedAndTheRetryFinishesFromTheFirstRecord(FaultProxy proxy) {
    // Primary and trunk take three changes each (timeouts, all-traffic group, deny-all group), then the branch's
    // timeouts: its move to the all-traffic group, the eighth, is refused.
    AtomicInteger changes = new AtomicInteger();
    Runnable[] counting = new Runnable[1];
    counting[0] = () -> {
      if (changes.incrementAndGet() == 7) {
        proxy.fail("ModifyNetworkInterfaceAttribute", AwsFault.accessDenied(), 1);
      } else {
        proxy.interleave("ModifyNetworkInterfaceAttribute", counting[0]);
      }
    };
    proxy.interleave("ModifyNetworkInterfaceAttribute", counting[0]);

    assertThatThrownBy(() -> scenario.invoke(applied(instance))).isInstanceOf(RemediationIncompleteException.class)
        .hasMessageContaining(branch);

    assertThat(scenario.account.tagsOf(instance)).containsEntry("SecurityResponseStatus", "isolation-failed");
    assertThat(scenario.record(instance).status()).isEqualTo(RecordStatus.CONTAINING);
    assertThat(recordedInterface(branch).groupIds()).containsExactly(scenario.adminGroup, scenario.webGroup);
    JsonNode failure = message(scenario.notifications().get(0));
    assertThat(failure.get("failed_target").asText()).isEqualTo(branch);

    JsonNode retry = scenario.invoke(applied(instance));

    assertThat(retry.get("status").asText()).isEqualTo("isolated");
    String isolationGroup = scenario.onlyIsolationGroup().groupId();
    assertThat(scenario.account.groupsOfInterface(branch)).containsExactly(isolationGroup);
    assertThat(recordedInterface(branch).groupIds()).as("the first attempt's record is kept")
        .containsExactly(scenario.adminGroup, scenario.webGroup);
    assertThat(scenario.account.tagsOf(instance)).containsEntry("SecurityResponseStatus", "isolated");

    assertThat(scenario.release(instance).get("status").asText()).isEqualTo("released");
    assertThat(scenario.account.groupsOfInterface(branch)).containsExactly(scenario.adminGroup, scenario.webGroup);
  }

  @Test
  void aPodDeletedBeforeTheReleaseLeavesNothingToRestoreOnItsInterfaceAndTheReleaseSaysSo() {
    scenario.invoke(applied(instance));
    scenario.ec2.deleteNetworkInterface(r -> r.networkInterfaceId(branch));

    JsonNode released = scenario.release(instance);

    assertThat(released.get("status").asText()).isEqualTo("released");
    assertThat(released.get("warnings").toString()).contains(branch, "no longer exists");
    assertThat(scenario.account.groupsOfInterface(trunk)).containsExactly(scenario.adminGroup);
  }

  @Test
  void anInstanceWithNoInterfaceInAVpcIsReportedAndNothingChanges() {
    // The emulator cannot produce such an instance (every instance it launches has its primary interface), so
    // the inspection is the real one with its interfaces taken away: the rest of the path runs against moto.
    Inspection real = scenario.clients().inspector(Clock.systemUTC()).inspect(instance, "no-vpc").orElseThrow();
    PriorState p = real.prior();
    Inspection none = new Inspection(new PriorState(p.instanceId(), p.vpcId(), p.state(), List.of(),
        p.autoScalingGroup(), p.autoScalingDesired(), p.instanceProfileArn(), p.disableApiTermination(),
        p.shutdownBehavior(), p.targets(), p.classicLoadBalancers(), p.elasticIps(), p.capturedAt(),
        p.capturedByEvent(), p.metadataOptions()), real.tags(), real.associationId(), real.state(), Set.of(),
        List.of(), List.of());
    Map<String, Object> before = scenario.observableState(instance);
    List<String> lines = new ArrayList<>();
    AuditLog audit = new AuditLog(TagIsolationHandler.NAME, "no-vpc", lines::add, Clock.systemUTC());

    IsolationResult result = scenario.isolator(IsolationScenario.CONFIG).reportNoVpcInterface(none, null, audit);

    assertThat(result.status()).isEqualTo(IsolationResult.Status.NO_VPC_INTERFACE);
    assertThat(result.reason()).contains("no network interface in a VPC", "nothing was changed");
    assertThat(result.changes()).isEmpty();
    assertThat(scenario.observableState(instance)).isEqualTo(before);
    assertThat(scenario.account.tagsOf(instance)).doesNotContainKey("SecurityResponseStatus");
    assertThat(scenario.ssm.describeParameters().parameters()).isEmpty();
    assertThat(lines).anySatisfy(line -> assertThat(line).contains("report-no-vpc-interface"));
    List<JsonNode> told = scenario.notifications();
    assertThat(told).extracting(IsolationScenario::outcome).containsExactly("no-vpc-interface");
    assertThat(message(told.get(0)).get("status").asText()).isEqualTo("no-vpc-interface");
  }

  private InterfaceGroups recordedInterface(String networkInterfaceId) {
    return scenario.recordedPriorState(instance).interfaces().stream()
        .filter(n -> n.networkInterfaceId().equals(networkInterfaceId)).findFirst()
        .orElseThrow(() -> new AssertionError(networkInterfaceId + " is not on record"));
  }
}
