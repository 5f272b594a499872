package dev.responders.isolation;

import dev.responders.isolation.InstanceSnapshot.GroupRef;
import dev.responders.isolation.InstanceSnapshot.InterfaceGroups;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingInstanceDetails;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileAssociation;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceAttributeName;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.Tag;

/** Reads an instance's current state from EC2: the facts every isolation decision is computed from. */
public final class InstanceInspector {

  private final Ec2Client ec2;
  private final AutoScalingClient autoScaling;
  private final Clock clock;

  public InstanceInspector(Ec2Client ec2, AutoScalingClient autoScaling, Clock clock) {
    this.ec2 = ec2;
    this.autoScaling = autoScaling;
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
      return Optional.of(new Inspection(null, tags, null, state));
    }
    List<InterfaceGroups> interfaces = instance.networkInterfaces().stream()
        .map(ni -> new InterfaceGroups(ni.networkInterfaceId(), ni.attachment().deviceIndex(),
            ni.vpcId() == null ? instance.vpcId() : ni.vpcId(),
            ni.groups().stream().map(g -> new GroupRef(g.groupId(), g.groupName())).toList()))
        .sorted(Comparator.comparingInt(InterfaceGroups::deviceIndex))
        .toList();
    Optional<IamInstanceProfileAssociation> association = profileAssociation(instanceId);
    boolean protectedFromTermination = ec2.describeInstanceAttribute(r -> r.instanceId(instanceId)
        .attribute(InstanceAttributeName.DISABLE_API_TERMINATION)).disableApiTermination().value();
    String shutdownBehavior = ec2.describeInstanceAttribute(r -> r.instanceId(instanceId)
        .attribute(InstanceAttributeName.INSTANCE_INITIATED_SHUTDOWN_BEHAVIOR))
        .instanceInitiatedShutdownBehavior().value();
    InstanceSnapshot snapshot = new InstanceSnapshot(instanceId, instance.vpcId(), state, interfaces,
        autoScalingGroup(instanceId), association.map(a -> a.iamInstanceProfile().arn()).orElse(null),
        protectedFromTermination,
        shutdownBehavior, clock.instant(), eventId);
    return Optional.of(new Inspection(snapshot, tags, association.map(IamInstanceProfileAssociation::associationId)
        .orElse(null), state));
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

  static String errorCode(Ec2Exception e) {
    return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
  }

  /**
   * @param snapshot      the revert-relevant state; null when the instance is terminated or terminating
   * @param tags          the instance's tags now
   * @param associationId the current instance profile association, or null
   */
  public record Inspection(InstanceSnapshot snapshot, Map<String, String> tags, String associationId, String state) {

    public boolean gone() {
      return snapshot == null;
    }
  }
}
