package dev.responders.tools.account;

import dev.responders.tools.RepositoryRoot;
import dev.responders.tools.template.Template;
import dev.responders.tools.template.TemplateOptions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterfaceSpecification;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;

/**
 * Builds a small account in the emulator (VPC, subnet, groups, instances, instance profiles) and reads its
 * state back, in the terms a responder uses. Used by integration tests and the demo, over the real wire.
 */
public final class SampleAccount {

  private final Ec2Client ec2;
  private final IamClient iam;
  private final AutoScalingClient autoScaling;

  public SampleAccount(Ec2Client ec2, IamClient iam, AutoScalingClient autoScaling) {
    this.ec2 = ec2;
    this.iam = iam;
    this.autoScaling = autoScaling;
  }

  public String createVpc(String cidr) {
    return ec2.createVpc(r -> r.cidrBlock(cidr)).vpc().vpcId();
  }

  public String createSubnet(String vpcId, String cidr) {
    return ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock(cidr)).subnet().subnetId();
  }

  /** A group that allows what a web server typically allows: 443 in from anywhere, all out. */
  public String createWebGroup(String vpcId, String name) {
    String groupId = ec2.createSecurityGroup(r -> r.vpcId(vpcId).groupName(name).description(name)).groupId();
    ec2.authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(IpPermission.builder()
        .ipProtocol("tcp").fromPort(443).toPort(443).ipRanges(b -> b.cidrIp("0.0.0.0/0")).build()));
    return groupId;
  }

  /** A role any EC2 instance can assume, and an instance profile of the same name holding it. */
  public String createInstanceProfile(String name) {
    iam.createRole(r -> r.roleName(name).assumeRolePolicyDocument("""
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},
        "Action":"sts:AssumeRole"}]}"""));
    String arn = iam.createInstanceProfile(r -> r.instanceProfileName(name)).instanceProfile().arn();
    iam.addRoleToInstanceProfile(r -> r.instanceProfileName(name).roleName(name));
    return arn;
  }

  /**
   * The deny-all profile under the name template.yaml gives TagIsolationFunction by default (single-account mode:
   * IsolationInstanceProfileName-region), so a function run as bin/invoke runs it finds it.
   */
  public String createIsolationProfile() {
    return createInstanceProfile(Template.load(RepositoryRoot.find().resolve("template.yaml"), TemplateOptions.defaults())
        .function("TagIsolationFunction").environment().get("ISOLATION_INSTANCE_PROFILE_NAME"));
  }

  /**
   * Launches one instance in {@code subnetId} with one network interface per entry of
   * {@code groupsPerInterface} (device index = position), tagged with {@code tags}.
   */
  public String launch(String subnetId, List<List<String>> groupsPerInterface, Map<String, String> tags) {
    List<InstanceNetworkInterfaceSpecification> interfaces = new ArrayList<>();
    for (int i = 0; i < groupsPerInterface.size(); i++) {
      interfaces.add(InstanceNetworkInterfaceSpecification.builder().deviceIndex(i).subnetId(subnetId)
          .groups(groupsPerInterface.get(i)).build());
    }
    String imageId = anyImage();
    String instanceId = ec2.runInstances(r -> r.imageId(imageId).instanceType(InstanceType.T3_MICRO)
        .minCount(1).maxCount(1).networkInterfaces(interfaces)).instances().get(0).instanceId();
    if (!tags.isEmpty()) {
      tag(instanceId, tags);
    }
    return instanceId;
  }

  /** An Auto Scaling group of {@code size} instances in the subnet; returns their ids. */
  public List<String> autoScalingGroup(String name, String subnetId, int size) {
    String imageId = anyImage();
    autoScaling.createLaunchConfiguration(r -> r.launchConfigurationName(name).imageId(imageId)
        .instanceType("t3.micro"));
    autoScaling.createAutoScalingGroup(r -> r.autoScalingGroupName(name).launchConfigurationName(name)
        .minSize(size).maxSize(size + 2).desiredCapacity(size).vpcZoneIdentifier(subnetId));
    return groupMembers(name);
  }

  /** The instances the group counts as its own now (in service or on the way). */
  public List<String> groupMembers(String name) {
    return autoScaling.describeAutoScalingGroups(r -> r.autoScalingGroupNames(name)).autoScalingGroups().get(0)
        .instances().stream().map(i -> i.instanceId()).sorted().toList();
  }

  public int desiredCapacity(String name) {
    return autoScaling.describeAutoScalingGroups(r -> r.autoScalingGroupNames(name)).autoScalingGroups().get(0)
        .desiredCapacity();
  }

  /** Snapshots taken of the instance's volumes as isolation evidence. */
  public List<String> evidenceSnapshotsOf(String instanceId) {
    return ec2.describeSnapshots(r -> r.ownerIds("self").filters(
            Filter.builder().name("tag:responders:isolated-instance").values(instanceId).build()))
        .snapshots().stream().map(s -> s.snapshotId()).sorted().toList();
  }

  public void associateProfile(String instanceId, String profileName) {
    ec2.associateIamInstanceProfile(r -> r.instanceId(instanceId).iamInstanceProfile(p -> p.name(profileName)));
  }

  /** What many AMIs and launch templates set: a shutdown from inside the instance terminates it. */
  public void terminateOnShutdown(String instanceId) {
    ec2.modifyInstanceAttribute(r -> r.instanceId(instanceId).instanceInitiatedShutdownBehavior(v -> v.value("terminate")));
  }

  public void tag(String instanceId, Map<String, String> tags) {
    ec2.createTags(r -> r.resources(instanceId).tags(tags.entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()));
  }

  public Instance instance(String instanceId) {
    return ec2.describeInstances(r -> r.instanceIds(instanceId)).reservations().get(0).instances().get(0);
  }

  public Map<String, String> tagsOf(String instanceId) {
    return instance(instanceId).tags().stream().collect(Collectors.toMap(Tag::key, Tag::value));
  }

  /** Network interface ids by device index. */
  public List<String> interfacesOf(String instanceId) {
    return instance(instanceId).networkInterfaces().stream()
        .sorted(Comparator.comparingInt(ni -> ni.attachment().deviceIndex()))
        .map(InstanceNetworkInterface::networkInterfaceId).toList();
  }

  /** The groups of one interface, as DescribeNetworkInterfaces reports them. */
  public List<String> groupsOfInterface(String networkInterfaceId) {
    return ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(networkInterfaceId)).networkInterfaces()
        .get(0).groups().stream().map(GroupIdentifier::groupId).toList();
  }

  /** The ARN of the instance profile associated with the instance, if any. */
  public Optional<String> profileOf(String instanceId) {
    return ec2.describeIamInstanceProfileAssociations(r -> r.filters(
            Filter.builder().name("instance-id").values(instanceId).build()))
        .iamInstanceProfileAssociations().stream()
        .filter(a -> "associated".equals(a.stateAsString()))
        .map(a -> a.iamInstanceProfile().arn()).findFirst();
  }

  public List<SecurityGroup> groupsNamed(String vpcId, String name) {
    return ec2.describeSecurityGroups(r -> r.filters(
        Filter.builder().name("vpc-id").values(vpcId).build(),
        Filter.builder().name("group-name").values(name).build())).securityGroups();
  }

  public boolean terminationProtected(String instanceId) {
    return ec2.describeInstanceAttribute(r -> r.instanceId(instanceId).attribute("disableApiTermination"))
        .disableApiTermination().value();
  }

  public String shutdownBehavior(String instanceId) {
    return ec2.describeInstanceAttribute(r -> r.instanceId(instanceId).attribute("instanceInitiatedShutdownBehavior"))
        .instanceInitiatedShutdownBehavior().value();
  }

  private String anyImage() {
    return ec2.describeImages(r -> r.owners("amazon")).images().stream()
        .map(Image::imageId).sorted().findFirst()
        .orElseThrow(() -> new IllegalStateException("the emulator offers no Amazon image to launch"));
  }

  /** The key that seals isolation records (template.yaml's IsolationRecordKey and its alias). */
  public static final String RECORD_KEY_ALIAS = "alias/aws-event-responders/isolation-records";

  /** Creates the HMAC key the template creates for sealing records, under its alias; returns the key id. */
  public static String createRecordKey(KmsClient kms) {
    String keyId = kms.createKey(r -> r.keySpec(KeySpec.HMAC_256).keyUsage(KeyUsageType.GENERATE_VERIFY_MAC)
        .description("seals isolation records")).keyMetadata().keyId();
    kms.createAlias(r -> r.aliasName(RECORD_KEY_ALIAS).targetKeyId(keyId));
    return keyId;
  }
}
