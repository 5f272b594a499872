package dev.responders.isolation;

import dev.responders.isolation.PriorState.ConnectionTracking;
import dev.responders.isolation.PriorState.InterfaceGroups;
import dev.responders.shared.aws.Pages;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInterfacesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;

/**
 * Finds the interfaces that carry an instance's traffic but that DescribeInstances does not list: any interface
 * attached to it ({@code attachment.instance-id}) and, for each of its trunk interfaces (ECS and EKS trunking),
 * the branch interfaces of its tasks or pods. A branch interface is not attached at a device index, so EC2 finds
 * it by neither filter; EKS tags each with its trunk's id ({@value #EKS_TRUNK_TAG}), which is what EC2 offers to
 * find them (DescribeTrunkInterfaceAssociations is a limited-preview action that accounts cannot call).
 *
 * <p>Each one found is isolated like a listed interface, unless EC2 does not let this account change its groups:
 * an interface managed by the service that requested it ({@code RequesterManaged}) or by an operator
 * ({@code Operator.Managed}). Those are reported, with why.
 */
final class UnlistedInterfaces {

  static final String EKS_TRUNK_TAG = "vpcresources.k8s.aws/trunk-eni-id";
  /** A branch interface rides on its trunk, at no device index of the instance. */
  static final int NO_DEVICE_INDEX = -1;

  private final Ec2Client ec2;

  UnlistedInterfaces(Ec2Client ec2) {
    this.ec2 = ec2;
  }

  /** What was found beyond the listed interfaces: those to isolate, and those only to report. */
  record Found(List<InterfaceGroups> isolated, Set<String> groupNames, List<String> privateIps,
      List<Reported> reported) {
  }

  /** An interface the function cannot isolate, and why. */
  record Reported(String networkInterfaceId, String interfaceType, String reason) {
    String warning() {
      return "interface " + networkInterfaceId + " (" + interfaceType + ") is not isolated: " + reason;
    }
  }

  Found of(String instanceId, String instanceVpcId, Set<String> listed) {
    Map<String, NetworkInterface> found = new LinkedHashMap<>();
    List<NetworkInterface> attached = describe(Filter.builder().name("attachment.instance-id").values(instanceId)
        .build());
    attached.forEach(ni -> found.putIfAbsent(ni.networkInterfaceId(), ni));
    for (NetworkInterface trunk : attached) {
      if ("trunk".equals(trunk.interfaceTypeAsString())) {
        describe(Filter.builder().name("tag:" + EKS_TRUNK_TAG).values(trunk.networkInterfaceId()).build())
            .forEach(ni -> found.putIfAbsent(ni.networkInterfaceId(), ni));
      }
    }
    List<InterfaceGroups> isolated = new ArrayList<>();
    List<Reported> reported = new ArrayList<>();
    List<String> privateIps = new ArrayList<>();
    Set<String> groupNames = new HashSet<>();
    for (NetworkInterface ni : found.values()) {
      if (listed.contains(ni.networkInterfaceId())) {
        continue;
      }
      String refusal = refusal(ni);
      if (refusal != null) {
        reported.add(new Reported(ni.networkInterfaceId(), ni.interfaceTypeAsString(), refusal));
        continue;
      }
      isolated.add(new InterfaceGroups(ni.networkInterfaceId(),
          ni.attachment() == null ? NO_DEVICE_INDEX : ni.attachment().deviceIndex(),
          ni.vpcId() == null || ni.vpcId().equals(instanceVpcId) ? null : ni.vpcId(),
          ni.groups().stream().map(GroupIdentifier::groupId).toList(), tracking(ni)));
      ni.groups().stream().map(GroupIdentifier::groupName).filter(Objects::nonNull)
          .forEach(groupNames::add);
      ni.privateIpAddresses().forEach(ip -> privateIps.add(ip.privateIpAddress()));
    }
    return new Found(List.copyOf(isolated), Set.copyOf(groupNames), List.copyOf(privateIps), List.copyOf(reported));
  }

  /** Why EC2 does not let this account change the interface's groups; null when it does. */
  static String refusal(NetworkInterface ni) {
    if (Boolean.TRUE.equals(ni.requesterManaged())) {
      return "requester-managed (by " + ni.requesterId() + "): only the service that created it may change its"
          + " security groups; contain it through that service";
    }
    if (ni.operator() != null && Boolean.TRUE.equals(ni.operator().managed())) {
      return "managed by " + ni.operator().principal() + ": its security groups are changed through that service";
    }
    if (ni.vpcId() == null) {
      return "not in a VPC: no security group applies to it";
    }
    return null;
  }

  private static ConnectionTracking tracking(NetworkInterface ni) {
    var described = ni.connectionTrackingConfiguration();
    return described == null ? null : new ConnectionTracking(described.tcpEstablishedTimeout(),
        described.udpStreamTimeout(), described.udpTimeout());
  }

  private List<NetworkInterface> describe(Filter filter) {
    return Pages.collect(token -> ec2.describeNetworkInterfaces(r -> r.filters(filter).nextToken(token)),
        DescribeNetworkInterfacesResponse::networkInterfaces, DescribeNetworkInterfacesResponse::nextToken);
  }
}
