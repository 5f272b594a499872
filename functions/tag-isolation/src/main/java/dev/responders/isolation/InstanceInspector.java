package dev.responders.isolation;

import dev.responders.isolation.PriorState.ConnectionTracking;
import dev.responders.isolation.PriorState.InterfaceGroups;
import dev.responders.isolation.PriorState.MetadataOptions;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingInstanceDetails;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ConnectionTrackingSpecificationResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataOptionsResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileAssociation;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceAttributeName;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.InstancePrivateIpAddress;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.Tag;

/** Reads an instance's current state from EC2: the facts every isolation decision is computed from. */
public final class InstanceInspector {

  private final Ec2Client ec2;
  private final AutoScalingClient autoScaling;
  private final LoadBalancerMembership loadBalancers;
  private final ElasticIpAssociations elasticIps;
  private final UnlistedInterfaces unlisted;
  private final Clock clock;

  InstanceInspector(Ec2Client ec2, AutoScalingClient autoScaling, LoadBalancerMembership loadBalancers,
      ElasticIpAssociations elasticIps, Clock clock) {
    this.ec2 = ec2;
    this.autoScaling = autoScaling;
    this.loadBalancers = loadBalancers;
    this.elasticIps = elasticIps;
    this.unlisted = new UnlistedInterfaces(ec2);
    this.clock = clock;
  }

  /** The instance as EC2 reports it now, or empty when EC2 does not know it. */
  public Optional<Inspection> inspect(String instanceId, String eventId) {
    Instance instance;
    try {
      instance = ec2.describeInstances(r -> r.instanceIds(instanceId)).reservations().stream()
          .map(Reservation::instances).flatMap(List::stream)
          .filter(i -> instanceId.equals(i.instanceId()))
          .findFirst().orElse(null);
    } catch (Ec2Exception e) {
      if ("InvalidInstanceID.NotFound".equals(errorCode(e)) || "InvalidInstanceID.Malformed".equals(errorCode(e))) {
        return Optional.empty();
      }
      throw e;
    }
    if (instance == null) {
      return Optional.empty();
    }
    Map<String, String> tags = instance.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b));
    String state = instance.state() == null ? "unknown" : instance.state().nameAsString();
    if (state.equals("terminated") || state.equals("shutting-down")) {
      return Optional.of(new Inspection(null, tags, null, state, Set.of(), List.of(), List.of()));
    }
    List<InterfaceGroups> listed = instance.networkInterfaces().stream()
        .filter(ni -> ni.vpcId() != null)
        .map(ni -> new InterfaceGroups(ni.networkInterfaceId(), ni.attachment().deviceIndex(),
            ni.vpcId().equals(instance.vpcId()) ? null : ni.vpcId(),
            ni.groups().stream().map(GroupIdentifier::groupId).toList(), tracking(ni.connectionTrackingConfiguration())))
        .sorted(Comparator.comparingInt(InterfaceGroups::deviceIndex))
        .toList();
    // The listed ones first, in device order, then those found by attachment and trunk: a record reads as before.
    UnlistedInterfaces.Found unlisted = this.unlisted.of(instanceId, instance.vpcId(),
        instance.networkInterfaces().stream().map(InstanceNetworkInterface::networkInterfaceId)
            .collect(Collectors.toSet()));
    List<InterfaceGroups> interfaces = Stream.concat(listed.stream(), unlisted.isolated().stream())
        .toList();
    Set<String> groupNames = Stream.concat(instance.networkInterfaces().stream()
            .flatMap(ni -> ni.groups().stream()).map(GroupIdentifier::groupName).filter(Objects::nonNull),
        unlisted.groupNames().stream()).collect(Collectors.toSet());
    Optional<IamInstanceProfileAssociation> association = profileAssociation(instanceId);
    boolean protectedFromTermination = ec2.describeInstanceAttribute(r -> r.instanceId(instanceId)
        .attribute(InstanceAttributeName.DISABLE_API_TERMINATION)).disableApiTermination().value();
    String shutdownBehavior = ec2.describeInstanceAttribute(r -> r.instanceId(instanceId)
        .attribute(InstanceAttributeName.INSTANCE_INITIATED_SHUTDOWN_BEHAVIOR))
        .instanceInitiatedShutdownBehavior().value();
    // A pod's or task's address on a branch interface may be an IP target: it leaves the target groups too.
    Set<String> privateIps = Stream.concat(instance.networkInterfaces().stream()
            .flatMap(ni -> ni.privateIpAddresses().stream()).map(InstancePrivateIpAddress::privateIpAddress),
        unlisted.privateIps().stream()).filter(Objects::nonNull).collect(Collectors.toSet());
    List<Address> addresses = elasticIps.on(interfaces.stream().map(InterfaceGroups::networkInterfaceId).toList());
    String group = autoScalingGroup(instanceId);
    PriorState prior = new PriorState(instanceId, instance.vpcId(), state, interfaces,
        group, group == null ? null : desiredCapacity(group),
        association.map(a -> a.iamInstanceProfile().arn()).orElse(null),
        protectedFromTermination, shutdownBehavior,
        loadBalancers.targetsOf(instanceId, privateIps), loadBalancers.classicLoadBalancersOf(instanceId),
        addresses.stream().map(ElasticIpAssociations::recorded).toList(),
        clock.instant(), eventId, metadataOptions(instance.metadataOptions()));
    return Optional.of(new Inspection(prior, tags, association.map(IamInstanceProfileAssociation::associationId)
        .orElse(null), state, groupNames, addresses, unlisted.reported()));
  }

  private static ConnectionTracking tracking(ConnectionTrackingSpecificationResponse described) {
    if (described == null) {
      return null;
    }
    return new ConnectionTracking(described.tcpEstablishedTimeout(), described.udpStreamTimeout(),
        described.udpTimeout());
  }

  private static MetadataOptions metadataOptions(InstanceMetadataOptionsResponse described) {
    if (described == null) {
      return null;
    }
    return new MetadataOptions(described.httpEndpointAsString(), described.httpTokensAsString(),
        described.httpPutResponseHopLimit(), described.httpProtocolIpv6AsString(),
        described.instanceMetadataTagsAsString());
  }

  private Optional<IamInstanceProfileAssociation> profileAssociation(String instanceId) {
    return ec2.describeIamInstanceProfileAssociations(r -> r.filters(
            Filter.builder().name("instance-id").values(instanceId).build()))
        .iamInstanceProfileAssociations().stream()
        .filter(a -> "associated".equals(a.stateAsString()) || "associating".equals(a.stateAsString()))
        .findFirst();
  }

  /** The group the instance is in now, unless it is already on its way out of it. */
  private String autoScalingGroup(String instanceId) {
    return autoScaling.describeAutoScalingInstances(r -> r.instanceIds(instanceId)).autoScalingInstances().stream()
        .filter(i -> !i.lifecycleState().startsWith("Detach") && !i.lifecycleState().startsWith("Terminat"))
        .map(AutoScalingInstanceDetails::autoScalingGroupName)
        .findFirst().orElse(null);
  }

  /** A group's desired capacity now; null when the group is gone. */
  Integer desiredCapacity(String group) {
    return autoScaling.describeAutoScalingGroups(r -> r.autoScalingGroupNames(group)).autoScalingGroups().stream()
        .map(AutoScalingGroup::desiredCapacity).findFirst().orElse(null);
  }

  static String errorCode(Ec2Exception e) {
    return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
  }

  /** The group the instance is in now, for a step that lost a race and re-reads; null when in none. */
  String autoScalingGroupNow(String instanceId) {
    return autoScalingGroup(instanceId);
  }

  /** The instance profile association now, for a step that lost a race and re-reads. */
  Optional<IamInstanceProfileAssociation> profileAssociationNow(String instanceId) {
    return profileAssociation(instanceId);
  }

  /** An interface's security group ids now, for a step that lost a race and re-reads. */
  /** An interface's security group ids now; empty when the interface no longer exists (a pod's, since deleted). */
  Optional<List<String>> groupsOfInterfaceIfAny(String networkInterfaceId) {
    try {
      return Optional.of(groupsOfInterfaceNow(networkInterfaceId));
    } catch (Ec2Exception e) {
      if ("InvalidNetworkInterfaceID.NotFound".equals(errorCode(e))) {
        return Optional.empty();
      }
      throw e;
    }
  }

  List<String> groupsOfInterfaceNow(String networkInterfaceId) {
    return ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(networkInterfaceId)).networkInterfaces().stream()
        .flatMap(ni -> ni.groups().stream()).map(GroupIdentifier::groupId).toList();
  }

  /**
   * @param prior         the revert-relevant state now; null when the instance is terminated or terminating
   * @param tags          the instance's tags now
   * @param associationId the current instance profile association, or null
   * @param groupNames    the names of the security groups on its interfaces now
   * @param elasticIps    the Elastic IPs on its interfaces now, with their association ids
   * @param reported      the interfaces found beyond those DescribeInstances lists that EC2 does not let this
   *                      account isolate (the isolatable ones are in {@code prior}'s interfaces)
   */
  public record Inspection(PriorState prior, Map<String, String> tags, String associationId, String state,
      Set<String> groupNames, List<Address> elasticIps, List<UnlistedInterfaces.Reported> reported) {

    /** No interface in a VPC to put the isolation group on: security groups cannot contain it. */
    public boolean noVpcInterface() {
      return prior != null && prior.interfaces().isEmpty();
    }

    public boolean gone() {
      return prior == null;
    }

    /** The isolation or all-traffic group on an interface, or the isolation profile on the instance. */
    public boolean showsIsolation(IsolationConfig config) {
      boolean isolatedInterface = groupNames.stream().anyMatch(n -> n.startsWith(IsolationGroupResolver.NAME_PREFIX)
          || n.startsWith(UntrackingGroupResolver.NAME_PREFIX));
      String profile = prior == null ? null : prior.instanceProfileArn();
      return isolatedInterface || profile != null && profile.endsWith("/" + config.instanceProfileName());
    }

    /** Changed by an earlier attempt: isolation shows, or the function's status tag is on it. */
    public boolean touched(IsolationConfig config) {
      return showsIsolation(config) || tags.containsKey(config.statusTagKey());
    }
  }
}
