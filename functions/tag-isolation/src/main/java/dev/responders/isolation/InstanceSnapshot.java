package dev.responders.isolation;

import java.time.Instant;
import java.util.List;

/**
 * What an instance looked like before isolation: exactly what a revert must restore. Kept per interface
 * (ordered groups), not as one merged list, since each interface may have its own groups.
 *
 * @param autoScalingGroup      the Auto Scaling group it belonged to, or null: a revert may attach it again
 * @param instanceProfileArn    null when the instance had no profile
 * @param disableApiTermination termination protection as it was
 * @param shutdownBehavior      {@code stop} or {@code terminate}, as it was
 */
public record InstanceSnapshot(
    String instanceId,
    String vpcId,
    String state,
    List<InterfaceGroups> interfaces,
    String autoScalingGroup,
    String instanceProfileArn,
    boolean disableApiTermination,
    String shutdownBehavior,
    Instant capturedAt,
    String capturedByEvent) {

  /** One network interface, its VPC and its security groups, in order. */
  public record InterfaceGroups(String networkInterfaceId, int deviceIndex, String vpcId, List<GroupRef> groups) {

    public List<String> groupIds() {
      return groups.stream().map(GroupRef::id).toList();
    }
  }

  /** A security group as an interface names it. */
  public record GroupRef(String id, String name) {
  }

  /** True when some isolation was already applied, so this state is not the one to restore. */
  public boolean showsIsolation(String isolationProfileName) {
    boolean isolatedInterface = interfaces.stream()
        .flatMap(i -> i.groups().stream())
        .anyMatch(g -> g.name() != null && g.name().startsWith(IsolationGroupResolver.NAME_PREFIX));
    boolean isolatedProfile = instanceProfileArn != null && instanceProfileArn.endsWith("/" + isolationProfileName);
    return isolatedInterface || isolatedProfile;
  }
}
