package dev.responders.isolation;

import static dev.responders.isolation.IsolationScenario.applied;
import static dev.responders.isolation.IsolationScenario.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.shared.error.RemediationIncompleteException;
import dev.responders.tools.emulator.AwsFault;
import dev.responders.tools.emulator.FaultProxy;
import dev.responders.tools.emulator.MotoExtension;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingInstanceDetails;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * Isolation then release of an instance as a production one is wired: in an Auto Scaling group, behind an instance
 * target group, an IP target group and a classic load balancer, with an Elastic IP, two interfaces and two
 * volumes. The release must bring back, field by field, what was there before the first change.
 */
@ExtendWith({MotoExtension.class, FaultProxy.Extension.class})
class TagReleaseIT {

  private IsolationScenario scenario;
  private String instance;
  private String secondInterface;
  private String instanceTargets;
  private String ipTargets;
  private String allocation;

  @BeforeEach
  void seedAWiredInstance() {
    scenario = new IsolationScenario();
    instance = scenario.account.autoScalingGroup("web-asg", scenario.subnetId, 2).get(0);
    scenario.account.tag(instance, Map.of("Name", "web-1", "SecurityResponse", "isolate"));
    scenario.account.associateProfile(instance, "app-server");
    scenario.account.terminateOnShutdown(instance);
    String primary = scenario.account.interfacesOf(instance).get(0);
    scenario.ec2.modifyNetworkInterfaceAttribute(r -> r.networkInterfaceId(primary)
        .groups(scenario.webGroup, scenario.adminGroup));
    secondInterface = scenario.ec2.createNetworkInterface(r -> r.subnetId(scenario.subnetId)
        .groups(scenario.adminGroup)).networkInterface().networkInterfaceId();
    scenario.ec2.attachNetworkInterface(r -> r.instanceId(instance).networkInterfaceId(secondInterface)
        .deviceIndex(1));
    String zone = scenario.account.instance(instance).placement().availabilityZone();
    String volume = scenario.ec2.createVolume(r -> r.availabilityZone(zone).size(8)).volumeId();
    scenario.ec2.attachVolume(r -> r.instanceId(instance).volumeId(volume).device("/dev/sdf"));
    instanceTargets = targetGroup("web", TargetTypeEnum.INSTANCE);
    ipTargets = targetGroup("web-ip", TargetTypeEnum.IP);
    scenario.elbv2.registerTargets(r -> r.targetGroupArn(instanceTargets).targets(t -> t.id(instance).port(8080)));
    String privateIp = scenario.account.instance(instance).privateIpAddress();
    scenario.elbv2.registerTargets(r -> r.targetGroupArn(ipTargets).targets(t -> t.id(privateIp).port(443)));
    scenario.elb.createLoadBalancer(r -> r.loadBalancerName("web-classic").subnets(scenario.subnetId)
        .listeners(l -> l.protocol("HTTP").loadBalancerPort(80).instancePort(80)));
    scenario.elb.registerInstancesWithLoadBalancer(r -> r.loadBalancerName("web-classic")
        .instances(i -> i.instanceId(instance)));
    allocation = scenario.ec2.allocateAddress(r -> r.domain("vpc")).allocationId();
    scenario.ec2.associateAddress(r -> r.allocationId(allocation).networkInterfaceId(primary));
  }

  @Test
  void isolateThenReleaseBringsBackEveryRecordedFieldOfAWiredInstance(FaultProxy proxy) {
    Map<String, Object> before = wiring();
    int desiredBefore = scenario.account.desiredCapacity("web-asg");

    proxy.reset();
    JsonNode isolated = scenario.invoke(applied(instance));
    int isolationCalls = proxy.reachedInOrder().size();

    assertThat(isolated.get("status").asText()).isEqualTo("isolated");
    assertThat(asgState()).isEmpty();
    assertThat(targetsOf(instanceTargets)).isEmpty();
    assertThat(targetsOf(ipTargets)).isEmpty();
    assertThat(classicMembers()).doesNotContain(instance);
    assertThat(address().associationId()).isNull();
    assertThat(scenario.account.evidenceSnapshotsOf(instance)).hasSize(2);
    PriorState recorded = scenario.recordedPriorState(instance);
    assertThat(recorded.targets()).hasSize(2);
    assertThat(recorded.classicLoadBalancers()).containsExactly("web-classic");
    assertThat(recorded.elasticIps()).singleElement().satisfies(a -> assertThat(a.allocationId()).isEqualTo(allocation));
    assertThat(recorded.autoScalingDesired()).isEqualTo(desiredBefore);

    proxy.reset();
    JsonNode released = scenario.release(instance);
    int releaseCalls = proxy.reachedInOrder().size();

    assertThat(released.get("status").asText()).isEqualTo("released");
    assertThat(released.get("left").asText()).contains("evidence snapshots").contains("isolation group");
    assertThat(wiring()).isEqualTo(before);
    assertThat(asgState()).isEqualTo("InService");
    assertThat(scenario.account.desiredCapacity("web-asg")).isEqualTo(desiredBefore);
    assertThat(scenario.account.tagsOf(instance)).containsEntry("SecurityResponseStatus", "released");
    assertThat(scenario.record(instance).status()).isEqualTo(RecordStatus.RELEASED);
    assertThat(scenario.account.evidenceSnapshotsOf(instance)).as("evidence is kept").hasSize(2);
    assertThat(scenario.notifications()).extracting(IsolationScenario::outcome)
        .containsExactly("isolated", "released");
    System.out.printf("tag-isolation API calls: isolation %d, release %d%n", isolationCalls, releaseCalls);
  }

  @Test
  void theInstanceLeavesItsAutoScalingGroupAndEveryLoadBalancerBeforeTheFirstSecurityGroupChange(FaultProxy proxy) {
    proxy.reset();

    scenario.invoke(applied(instance));

    List<String> calls = proxy.reachedInOrder();
    int firstGroupChange = calls.indexOf("ModifyNetworkInterfaceAttribute");
    assertThat(firstGroupChange).isPositive();
    assertThat(calls.indexOf("DetachInstances")).isBetween(0, firstGroupChange);
    assertThat(calls.subList(0, firstGroupChange)).filteredOn("DeregisterTargets"::equals).hasSize(2);
    assertThat(calls.indexOf("DeregisterInstancesFromLoadBalancer")).isBetween(0, firstGroupChange);
    assertThat(calls.lastIndexOf("DeregisterTargets")).isLessThan(firstGroupChange);
  }

  @Test
  void releasingAnInstanceThatWasNeverIsolatedChangesNothingAndSaysWhy() {
    scenario.account.tag(instance, Map.of("SecurityResponse", "release"));
    Map<String, Object> before = wiring();

    JsonNode result = scenario.invokeRelease(IsolationScenario.releaseRequested(instance));

    assertThat(result.get("status").asText()).isEqualTo("skipped");
    assertThat(result.get("reason").asText()).contains("never isolated");
    assertThat(wiring()).isEqualTo(before);
    assertThat(scenario.notifications()).isEmpty();
  }

  @Test
  void releasingTwiceChangesNothingTheSecondTimeAndANewIsolationRecordsAfresh() {
    scenario.invoke(applied(instance));
    scenario.release(instance);
    Map<String, Object> released = wiring();
    scenario.notifications();

    JsonNode again = scenario.invokeRelease(IsolationScenario.releaseRequested(instance));

    assertThat(again.get("status").asText()).isEqualTo("skipped");
    assertThat(again.get("reason").asText()).contains("was released before");
    assertThat(wiring()).isEqualTo(released);
    assertThat(scenario.notifications()).isEmpty();

    scenario.ec2.modifyNetworkInterfaceAttribute(r -> r.networkInterfaceId(secondInterface)
        .groups(scenario.webGroup));
    scenario.account.tag(instance, Map.of("SecurityResponse", "isolate"));
    String later = applied(instance).replace("bddcf1d6-0251-35a1-aab0-adc1fb47c11c", "second-incident");
    assertThat(scenario.invoke(later).get("status").asText()).isEqualTo("isolated");
    IsolationRecord record = scenario.record(instance);
    assertThat(record.status()).isEqualTo(RecordStatus.CONTAINED);
    assertThat(record.incident()).isEqualTo("second-incident");
    assertThat(record.prior().interfaces().get(1).groupIds()).containsExactly(scenario.webGroup);
  }

  @Test
  void aReleaseAfterARetriedPartialIsolationRestoresTheStateFromBeforeTheFirstAttempt(FaultProxy proxy) {
    Map<String, Object> before = wiring();
    proxy.fail("CreateSecurityGroup", AwsFault.accessDenied(), 1);
    assertThatThrownBy(() -> scenario.invoke(applied(instance))).isInstanceOf(RemediationIncompleteException.class);
    assertThat(scenario.account.terminationProtected(instance)).as("the first attempt changed it").isTrue();
    assertThat(scenario.invoke(applied(instance)).get("status").asText()).isEqualTo("isolated");

    JsonNode released = scenario.release(instance);

    assertThat(released.get("status").asText()).isEqualTo("released");
    assertThat(wiring()).isEqualTo(before);
    assertThat(asgState()).isEqualTo("InService");
  }

  @Test
  void aReleaseThatFailsHalfWayIsReportedAndItsRetryFinishes(FaultProxy proxy) {
    scenario.invoke(applied(instance));
    Map<String, Object> isolatedWiring = wiring();
    scenario.notifications();
    proxy.fail("AttachInstances", AwsFault.accessDenied(), 1);

    assertThatThrownBy(() -> scenario.release(instance)).isInstanceOf(RemediationIncompleteException.class)
        .hasMessageContaining("autoscaling:AttachInstances");
    assertThat(scenario.account.tagsOf(instance)).containsEntry("SecurityResponseStatus", "release-failed");
    assertThat(wiring()).as("what was restored before the failure stays restored").isNotEqualTo(isolatedWiring);
    assertThat(scenario.record(instance).status()).isEqualTo(RecordStatus.CONTAINED);
    JsonNode failure = message(scenario.notifications().get(0));
    assertThat(failure.get("failed_action").asText()).isEqualTo("autoscaling:AttachInstances");

    JsonNode retry = scenario.invokeRelease(IsolationScenario.releaseRequested(instance));

    assertThat(retry.get("status").asText()).isEqualTo("released");
    assertThat(asgState()).isEqualTo("InService");
    assertThat(scenario.account.tagsOf(instance)).containsEntry("SecurityResponseStatus", "released");
    assertThat(scenario.notifications()).extracting(IsolationScenario::outcome).containsExactly("released");
  }

  @Test
  void aRecordWrittenBySomeoneElseIsNeverRestored() {
    scenario.invoke(applied(instance));
    Map<String, Object> isolated = wiring();
    String forged = """
        {"status":"contained","prior":{"instance_id":"%s","interfaces":[{"eni":"%s","device":1,
         "groups":["sg-0000000000open0"]}],"captured_by_event":"forged"},"evidence_snapshot_ids":[]}
        """.formatted(instance, secondInterface);
    scenario.ssm.putParameter(r -> r.name(IsolationScenario.CONFIG.stateParameterName(instance)).value(forged)
        .type(ParameterType.STRING).overwrite(true));

    JsonNode result = scenario.release(instance);

    assertThat(result.get("status").asText()).isEqualTo("skipped");
    assertThat(result.get("reason").asText()).contains("not sealed by this suite");
    assertThat(wiring()).isEqualTo(isolated);
  }

  /** Everything isolation changes and release restores, as AWS reports it. */
  private Map<String, Object> wiring() {
    Map<String, Object> state = new TreeMap<>();
    List<String> interfaces = scenario.account.interfacesOf(instance);
    for (int i = 0; i < interfaces.size(); i++) {
      state.put("interface " + i, interfaces.get(i) + " " + scenario.account.groupsOfInterface(interfaces.get(i)));
    }
    state.put("profile", scenario.account.profileOf(instance).orElse("none"));
    state.put("termination protection", scenario.account.terminationProtected(instance));
    state.put("shutdown", scenario.account.shutdownBehavior(instance));
    state.put("auto scaling", asgState());
    state.put("instance targets", targetsOf(instanceTargets));
    state.put("ip targets", targetsOf(ipTargets));
    state.put("classic", classicMembers().contains(instance));
    Address address = address();
    state.put("elastic ip", address.networkInterfaceId() + " " + address.privateIpAddress());
    return state;
  }

  private String targetGroup(String name, TargetTypeEnum type) {
    return scenario.elbv2.createTargetGroup(r -> r.name(name).protocol("HTTP").port(80).vpcId(scenario.vpcId)
        .targetType(type)).targetGroups().get(0).targetGroupArn();
  }

  private List<String> targetsOf(String targetGroup) {
    return scenario.elbv2.describeTargetHealth(r -> r.targetGroupArn(targetGroup)).targetHealthDescriptions().stream()
        .map(TargetHealthDescription::target).map(t -> t.id() + ":" + t.port()).sorted().toList();
  }

  private List<String> classicMembers() {
    return scenario.elb.describeLoadBalancers(r -> r.loadBalancerNames("web-classic")).loadBalancerDescriptions()
        .get(0).instances().stream().map(i -> i.instanceId()).toList();
  }

  private Address address() {
    return scenario.ec2.describeAddresses(r -> r.allocationIds(allocation)).addresses().get(0);
  }

  private String asgState() {
    return scenario.autoScaling.describeAutoScalingInstances(r -> r.instanceIds(instance)).autoScalingInstances()
        .stream().map(AutoScalingInstanceDetails::lifecycleState).findFirst().orElse("");
  }
}
