package dev.responders.isolation;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * What an instance looked like before isolation: exactly what a release must restore. Kept per interface
 * (ordered groups), not as one merged list, since each interface may have its own groups. Ids only, no names,
 * and short keys for the lists, so the record of an instance with 15 interfaces of 16 groups each still fits in
 * one SSM parameter.
 *
 * @param autoScalingGroup      the Auto Scaling group it belonged to, or null: a release attaches it again
 * @param autoScalingDesired    that group's desired capacity then, restored after the attach (which raises it)
 * @param instanceProfileArn    null when the instance had no profile
 * @param disableApiTermination termination protection as it was
 * @param shutdownBehavior      {@code stop} or {@code terminate}, as it was
 * @param targets               its registrations in target groups (instance and IP targets)
 * @param classicLoadBalancers  the classic load balancers it was registered with
 * @param elasticIps            the Elastic IPs associated with its interfaces
 * @param capturedByEvent       the event that opened the incident: its id tags the evidence snapshots
 * @param metadataOptions       the instance metadata options, recorded only when the isolation turns the
 *                              endpoint off (else null)
 */
public record PriorState(
    String instanceId,
    String vpcId,
    String state,
    List<InterfaceGroups> interfaces,
    String autoScalingGroup,
    @JsonProperty("asg_desired") Integer autoScalingDesired,
    String instanceProfileArn,
    boolean disableApiTermination,
    String shutdownBehavior,
    @JsonProperty("targets") List<TargetRegistration> targets,
    @JsonProperty("elbs") List<String> classicLoadBalancers,
    @JsonProperty("eips") List<AddressAssociation> elasticIps,
    Instant capturedAt,
    String capturedByEvent,
    @JsonProperty("imds") MetadataOptions metadataOptions) {

  /** Records of earlier versions, and forged ones, may lack the lists: they read as empty. */
  public PriorState {
    interfaces = interfaces == null ? List.of() : List.copyOf(interfaces);
    targets = targets == null ? List.of() : List.copyOf(targets);
    classicLoadBalancers = classicLoadBalancers == null ? List.of() : List.copyOf(classicLoadBalancers);
    elasticIps = elasticIps == null ? List.of() : List.copyOf(elasticIps);
  }

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
      @JsonProperty("groups") List<String> groupIds,
      @JsonProperty("ct") ConnectionTracking tracking) {

    /** EC2's default timeouts are not recorded (a release puts the defaults back): 15 interfaces must fit. */
    public InterfaceGroups {
      tracking = ConnectionTracking.EC2_DEFAULTS.equals(tracking) ? null : tracking;
    }

    InterfaceGroups(String networkInterfaceId, int deviceIndex, String vpcId, List<String> groupIds) {
      this(networkInterfaceId, deviceIndex, vpcId, groupIds, null);
    }

    InterfaceGroups withGroups(List<String> groups) {
      return new InterfaceGroups(networkInterfaceId, deviceIndex, vpcId, groups, tracking);
    }
  }

  /**
   * An interface's connection-tracking timeouts in seconds, as EC2 describes them; null on an interface that
   * does not describe any (EC2's defaults then apply: 432000, 180, 30).
   */
  public record ConnectionTracking(
      @JsonProperty("tcp") Integer tcpEstablishedTimeout,
      @JsonProperty("udps") Integer udpStreamTimeout,
      @JsonProperty("udp") Integer udpTimeout) {

    /** EC2's timeouts of an interface whose tracking was never configured. */
    static final ConnectionTracking EC2_DEFAULTS = new ConnectionTracking(432000, 180, 30);
    /** The shortest EC2 allows: established TCP and UDP streams 60 s, other UDP flows 30 s. */
    static final ConnectionTracking SHORTEST = new ConnectionTracking(60, 60, 30);
  }

  /** The instance metadata service options, as EC2 describes them and ModifyInstanceMetadataOptions takes them. */
  public record MetadataOptions(
      @JsonProperty("endpoint") String httpEndpoint,
      @JsonProperty("tokens") String httpTokens,
      @JsonProperty("hops") Integer httpPutResponseHopLimit,
      @JsonProperty("ipv6") String httpProtocolIpv6,
      @JsonProperty("tags") String instanceMetadataTags) {
  }

  /**
   * One registration in a target group: the instance id or one of its private IPs, on a port.
   *
   * @param availabilityZone only for an IP target registered with {@code all} (outside the VPC), else null
   */
  public record TargetRegistration(
      @JsonProperty("tg") String targetGroupArn,
      @JsonProperty("id") String targetId,
      @JsonProperty("port") Integer port,
      @JsonProperty("az") String availabilityZone) {
  }

  /** An Elastic IP's association: which allocation, on which interface and private address. */
  public record AddressAssociation(
      @JsonProperty("alloc") String allocationId,
      @JsonProperty("eni") String networkInterfaceId,
      @JsonProperty("ip") String privateIpAddress) {
  }

  /** The same state without the metadata options: recorded only when the isolation changes them. */
  PriorState withoutMetadataOptions() {
    return new PriorState(instanceId, vpcId, state, interfaces, autoScalingGroup, autoScalingDesired,
        instanceProfileArn, disableApiTermination, shutdownBehavior, targets, classicLoadBalancers, elasticIps,
        capturedAt, capturedByEvent, null);
  }

  /** The VPC an interface is in. */
  public String vpcOf(InterfaceGroups nic) {
    return nic.vpcId() == null ? vpcId : nic.vpcId();
  }
}
