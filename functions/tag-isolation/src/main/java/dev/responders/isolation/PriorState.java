package dev.responders.isolation;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * What an instance looked like before isolation: exactly what a revert must restore. Kept per interface
 * (ordered groups), not as one merged list, since each interface may have its own groups. Ids only, no names,
 * so the record of an instance with 15 interfaces of 16 groups each still fits in one SSM parameter.
 *
 * @param autoScalingGroup      the Auto Scaling group it belonged to, or null: a revert may attach it again
 * @param instanceProfileArn    null when the instance had no profile
 * @param disableApiTermination termination protection as it was
 * @param shutdownBehavior      {@code stop} or {@code terminate}, as it was
 * @param capturedByEvent       the event that opened the incident: its id tags the evidence snapshots
 */
public record PriorState(
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

  /**
   * One network interface, its VPC and its security group ids, in order. Short names in the record, since up to
   * 15 of them must fit one parameter with the rest.
   *
   * @param vpcId only when the interface is in another VPC than the instance (a multi-VPC attachment), else null
   */
  public record InterfaceGroups(
      @JsonProperty("eni") String networkInterfaceId,
      @JsonProperty("device") int deviceIndex,
      @JsonProperty("vpc") String vpcId,
      @JsonProperty("groups") List<String> groupIds) {
  }

  /** The VPC an interface is in. */
  public String vpcOf(InterfaceGroups nic) {
    return nic.vpcId() == null ? vpcId : nic.vpcId();
  }
}
