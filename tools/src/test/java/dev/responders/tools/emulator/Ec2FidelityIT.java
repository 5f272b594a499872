package dev.responders.tools.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceAttributeName;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterfaceSpecification;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.NetworkInterfaceCreationType;
import software.amazon.awssdk.services.ec2.model.NetworkInterfaceType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The emulator behaves as EC2 does where moto alone does not (tools/emulator/moto_launcher.py): an interface has
 * exactly its own groups, an instance's groups are its primary interface's, ModifyInstanceAttribute(Groups)
 * is refused for an instance with several interfaces, connection-tracking timeouts are kept, metadata options
 * not named by a change are left as they were, and an interface keeps the type it was created with (a branch
 * interface, carried on a trunk, is attached at no device index).
 */
@ExtendWith(MotoExtension.class)
class Ec2FidelityIT {

  private static final String IMAGE = "ami-0123456789abcdef0";

  private final Ec2Client ec2 = Ec2Client.create();
  private String subnet;
  private String web;
  private String admin;
  private String quarantine;

  @BeforeEach
  void createNetwork() {
    String vpc = ec2.createVpc(r -> r.cidrBlock("10.30.0.0/16")).vpc().vpcId();
    subnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.30.1.0/24")).subnet().subnetId();
    web = group(vpc, "web");
    admin = group(vpc, "admin");
    quarantine = group(vpc, "quarantine");
  }

  @Test
  void refusesToReplaceTheGroupsOfAnInstanceWithTwoInterfacesAndChangesNothing() {
    String instance = launchWithInterfaces(List.of(web), List.of(admin));

    Ec2Exception refusal = catchThrowableOfType(Ec2Exception.class,
        () -> ec2.modifyInstanceAttribute(r -> r.instanceId(instance).groups(quarantine)));

    assertThat(refusal).isNotNull();
    assertThat(refusal.statusCode()).isEqualTo(400);
    assertThat(refusal.awsErrorDetails().errorCode()).isEqualTo("InvalidInstanceID");
    assertThat(refusal.awsErrorDetails().errorMessage()).isEqualTo("There are multiple interfaces attached to"
        + " instance '" + instance + "'. Please specify an interface ID for the operation instead.");
    assertThat(groupIds(describe(instance).securityGroups())).containsExactly(web);
    List<String> interfaces = interfacesOf(instance);
    assertThat(groupsOfInterface(interfaces.get(0))).containsExactly(web);
    assertThat(groupsOfInterface(interfaces.get(1))).containsExactly(admin);
  }

  @Test
  void aSecondaryInterfaceReportsExactlyItsNewGroupAndThePrimaryKeepsItsOwn() {
    String instance = launchWithInterfaces(List.of(web), List.of(admin, web));
    List<String> interfaces = interfacesOf(instance);

    ec2.modifyNetworkInterfaceAttribute(r -> r.networkInterfaceId(interfaces.get(1)).groups(quarantine));

    assertThat(groupsOfInterface(interfaces.get(1))).containsExactly(quarantine);
    assertThat(groupsOfInterface(interfaces.get(0))).containsExactly(web);
    assertThat(groupIds(describe(instance).securityGroups())).containsExactly(web);
  }

  @Test
  void thePrimaryInterfaceGroupsAreTheInstanceGroups() {
    String instance = launchWithInterfaces(List.of(web), List.of(admin));
    List<String> interfaces = interfacesOf(instance);

    ec2.modifyNetworkInterfaceAttribute(r -> r.networkInterfaceId(interfaces.get(0)).groups(quarantine, admin));

    Instance described = describe(instance);
    assertThat(groupIds(described.securityGroups())).containsExactly(quarantine, admin);
    assertThat(described.networkInterfaces()).allSatisfy(eni -> assertThat(groupIds(eni.groups()))
        .isEqualTo(eni.attachment().deviceIndex() == 0 ? List.of(quarantine, admin) : List.of(admin)));
    assertThat(groupIds(ec2.describeInstanceAttribute(r -> r.instanceId(instance)
        .attribute(InstanceAttributeName.GROUP_SET)).groups())).containsExactly(quarantine, admin);
    assertThat(groupsOfInterface(interfaces.get(1))).containsExactly(admin);
  }

  @Test
  void replacingTheGroupsOfASingleInterfaceInstanceReplacesThoseOfItsInterface() {
    String instance = ec2.runInstances(r -> r.imageId(IMAGE).minCount(1).maxCount(1)
        .subnetId(subnet).securityGroupIds(web, admin)).instances().get(0).instanceId();

    ec2.modifyInstanceAttribute(r -> r.instanceId(instance).groups(quarantine));

    assertThat(groupIds(describe(instance).securityGroups())).containsExactly(quarantine);
    assertThat(groupsOfInterface(interfacesOf(instance).get(0))).containsExactly(quarantine);
  }

  @Test
  void anInterfaceAttachedAfterLaunchKeepsItsOwnGroupsAndMakesTheInstanceMultiHomed() {
    String instance = ec2.runInstances(r -> r.imageId(IMAGE).minCount(1).maxCount(1)
        .subnetId(subnet).securityGroupIds(web)).instances().get(0).instanceId();
    String extra = ec2.createNetworkInterface(r -> r.subnetId(subnet).groups(admin)).networkInterface()
        .networkInterfaceId();

    ec2.attachNetworkInterface(r -> r.instanceId(instance).networkInterfaceId(extra).deviceIndex(1));

    assertThat(groupsOfInterface(extra)).containsExactly(admin);
    assertThat(groupIds(describe(instance).securityGroups())).containsExactly(web);
    Ec2Exception refusal = catchThrowableOfType(Ec2Exception.class,
        () -> ec2.modifyInstanceAttribute(r -> r.instanceId(instance).groups(quarantine)));
    assertThat(refusal).isNotNull();
    assertThat(refusal.awsErrorDetails().errorCode()).isEqualTo("InvalidInstanceID");
  }

  @Test
  void anInstanceLaunchedWithoutGroupsReportsTheDefaultGroupOfItsInterface() {
    String instance = ec2.runInstances(r -> r.imageId(IMAGE).minCount(1).maxCount(1).subnetId(subnet))
        .instances().get(0).instanceId();

    List<String> instanceGroups = groupIds(describe(instance).securityGroups());

    assertThat(instanceGroups).hasSize(1).isEqualTo(groupsOfInterface(interfacesOf(instance).get(0)));
    assertThat(ec2.describeSecurityGroups(r -> r.groupIds(instanceGroups)).securityGroups().get(0).groupName())
        .isEqualTo("default");
  }

  @Test
  void changingTheShutdownBehaviourChangesOnlyThatAttribute() {
    String instance = ec2.runInstances(r -> r.imageId(IMAGE).minCount(1).maxCount(1)
        .subnetId(subnet).securityGroupIds(web)).instances().get(0).instanceId();

    ec2.modifyInstanceAttribute(r -> r.instanceId(instance).instanceInitiatedShutdownBehavior(v -> v.value("terminate")));

    assertThat(ec2.describeInstanceAttribute(r -> r.instanceId(instance)
        .attribute(InstanceAttributeName.INSTANCE_INITIATED_SHUTDOWN_BEHAVIOR))
        .instanceInitiatedShutdownBehavior().value()).isEqualTo("terminate");
    assertThat(groupIds(describe(instance).securityGroups())).containsExactly(web);
  }

  @AfterEach
  void closeClient() {
    ec2.close();
  }

  @Test
  void connectionTrackingTimeoutsAreKeptAsGivenAndTheOthersStayAtEc2sDefaults() {
    String instance = launchWithInterfaces(List.of(web));
    String eni = interfacesOf(instance).get(0);

    ec2.modifyNetworkInterfaceAttribute(r -> r.networkInterfaceId(eni)
        .connectionTrackingSpecification(c -> c.tcpEstablishedTimeout(60)));
    ec2.modifyNetworkInterfaceAttribute(r -> r.networkInterfaceId(eni)
        .connectionTrackingSpecification(c -> c.udpTimeout(45)));

    var described = ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(eni)).networkInterfaces().get(0)
        .connectionTrackingConfiguration();
    assertThat(described.tcpEstablishedTimeout()).isEqualTo(60);
    assertThat(described.udpStreamTimeout()).isEqualTo(180);
    assertThat(described.udpTimeout()).isEqualTo(45);
    var onInstance = describe(instance).networkInterfaces().get(0).connectionTrackingConfiguration();
    assertThat(List.of(onInstance.tcpEstablishedTimeout(), onInstance.udpStreamTimeout(), onInstance.udpTimeout()))
        .as("as DescribeInstances shows it").containsExactly(60, 180, 45);
    assertThat(groupsOfInterface(eni)).as("groups untouched").containsExactly(web);
  }

  @Test
  void aMetadataOptionsChangeKeepsTheOptionsItDoesNotName() {
    String instance = launchWithInterfaces(List.of(web));
    ec2.modifyInstanceMetadataOptions(r -> r.instanceId(instance).httpTokens("required").httpPutResponseHopLimit(2));

    ec2.modifyInstanceMetadataOptions(r -> r.instanceId(instance).httpEndpoint("disabled"));

    var options = describe(instance).metadataOptions();
    assertThat(options.httpEndpointAsString()).isEqualTo("disabled");
    assertThat(options.httpTokensAsString()).isEqualTo("required");
    assertThat(options.httpPutResponseHopLimit()).isEqualTo(2);
    assertThat(options.httpProtocolIpv6AsString()).isEqualTo("disabled");
  }

  @Test
  void aBranchInterfaceKeepsItsTypeAndIsFoundByItsTrunkTagButNotAsAttachedOrListedOnTheInstance() {
    String instance = launchWithInterfaces(List.of(web));
    String trunk = ec2.createNetworkInterface(r -> r.subnetId(subnet).groups(admin)
        .interfaceType(NetworkInterfaceCreationType.TRUNK)).networkInterface().networkInterfaceId();
    ec2.attachNetworkInterface(r -> r.instanceId(instance).networkInterfaceId(trunk).deviceIndex(1));
    NetworkInterface branch = ec2.createNetworkInterface(r -> r.subnetId(subnet).groups(web, admin)
        .interfaceType(NetworkInterfaceCreationType.BRANCH)
        .tagSpecifications(t -> t.resourceType(ResourceType.NETWORK_INTERFACE)
            .tags(Tag.builder().key("vpcresources.k8s.aws/trunk-eni-id").value(trunk).build()))).networkInterface();

    assertThat(branch.interfaceType()).isEqualTo(NetworkInterfaceType.BRANCH);
    assertThat(branch.attachment()).isNull();
    List<NetworkInterface> attached = ec2.describeNetworkInterfaces(r -> r.filters(f -> f.name("attachment.instance-id")
        .values(instance))).networkInterfaces();
    assertThat(attached).extracting(NetworkInterface::networkInterfaceId).hasSize(2).contains(trunk)
        .doesNotContain(branch.networkInterfaceId());
    assertThat(attached).filteredOn(ni -> ni.networkInterfaceId().equals(trunk))
        .extracting(NetworkInterface::interfaceType).containsExactly(NetworkInterfaceType.TRUNK);
    assertThat(ec2.describeNetworkInterfaces(r -> r.filters(f -> f.name("tag:vpcresources.k8s.aws/trunk-eni-id")
        .values(trunk))).networkInterfaces()).extracting(NetworkInterface::networkInterfaceId)
        .containsExactly(branch.networkInterfaceId());
    assertThat(interfacesOf(instance)).hasSize(2).doesNotContain(branch.networkInterfaceId());
    assertThat(groupsOfInterface(branch.networkInterfaceId())).containsExactly(web, admin);
  }

  @Test
  void anInterfaceTypeCreateNetworkInterfaceDoesNotTakeIsRefused() {
    Ec2Exception refusal = catchThrowableOfType(Ec2Exception.class, () -> ec2.createNetworkInterface(r -> r
        .subnetId(subnet).interfaceType("nat_gateway")));

    assertThat(refusal).isNotNull();
    assertThat(refusal.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
    assertThat(ec2.describeNetworkInterfaces(r -> r.filters(f -> f.name("subnet-id").values(subnet)))
        .networkInterfaces()).isEmpty();
  }

  private String group(String vpc, String name) {
    return ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName(name).description(name)).groupId();
  }

  @SafeVarargs
  private String launchWithInterfaces(List<String>... groupsByDeviceIndex) {
    InstanceNetworkInterfaceSpecification[] interfaces = new InstanceNetworkInterfaceSpecification[
        groupsByDeviceIndex.length];
    for (int index = 0; index < interfaces.length; index++) {
      interfaces[index] = InstanceNetworkInterfaceSpecification.builder()
          .deviceIndex(index).subnetId(subnet).groups(groupsByDeviceIndex[index]).build();
    }
    Instance launched = ec2.runInstances(r -> r.imageId(IMAGE).minCount(1).maxCount(1)
        .networkInterfaces(interfaces)).instances().get(0);
    assertThat(launched.networkInterfaces()).hasSize(interfaces.length);
    return launched.instanceId();
  }

  private Instance describe(String instanceId) {
    return ec2.describeInstances(r -> r.instanceIds(instanceId)).reservations().get(0).instances().get(0);
  }

  /** The instance's interface IDs ordered by device index. */
  private List<String> interfacesOf(String instanceId) {
    return describe(instanceId).networkInterfaces().stream()
        .sorted((a, b) -> Integer.compare(a.attachment().deviceIndex(), b.attachment().deviceIndex()))
        .map(InstanceNetworkInterface::networkInterfaceId)
        .toList();
  }

  /** The groups DescribeNetworkInterfaces reports, in its order. */
  private List<String> groupsOfInterface(String networkInterfaceId) {
    List<NetworkInterface> found = ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(networkInterfaceId))
        .networkInterfaces();
    assertThat(found).hasSize(1);
    return groupIds(found.get(0).groups());
  }

  private static List<String> groupIds(List<GroupIdentifier> groups) {
    return groups.stream().map(GroupIdentifier::groupId).toList();
  }
}
