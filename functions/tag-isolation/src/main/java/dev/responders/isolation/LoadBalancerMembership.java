package dev.responders.isolation;

import dev.responders.isolation.PriorState.TargetRegistration;
import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.audit.AuditRecord;
import dev.responders.shared.aws.Pages;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.elasticloadbalancing.ElasticLoadBalancingClient;
import software.amazon.awssdk.services.elasticloadbalancing.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.services.elasticloadbalancing.model.LoadBalancerDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * Where an instance receives load-balanced traffic: target groups (by instance id, or by its private IPs for IP
 * targets) and classic load balancers. An isolated instance leaves them all before any network change, so no
 * client is sent to it while it is contained; a release registers it again exactly where it was.
 */
final class LoadBalancerMembership {

  private final ElasticLoadBalancingV2Client elbv2;
  private final ElasticLoadBalancingClient elb;

  LoadBalancerMembership(ElasticLoadBalancingV2Client elbv2, ElasticLoadBalancingClient elb) {
    this.elbv2 = elbv2;
    this.elb = elb;
  }

  /** Every target group registration of the instance now, over all target groups of the region (paginated). */
  List<TargetRegistration> targetsOf(String instanceId, Set<String> privateIps) {
    List<TargetRegistration> found = new ArrayList<>();
    for (TargetGroup group : Pages.collect(marker -> elbv2.describeTargetGroups(r -> r.marker(marker)),
        DescribeTargetGroupsResponse::targetGroups, DescribeTargetGroupsResponse::nextMarker)) {
      if (group.targetType() != TargetTypeEnum.INSTANCE && group.targetType() != TargetTypeEnum.IP) {
        continue;
      }
      for (TargetHealthDescription target : elbv2.describeTargetHealth(r -> r.targetGroupArn(group.targetGroupArn()))
          .targetHealthDescriptions()) {
        TargetDescription t = target.target();
        boolean ours = group.targetType() == TargetTypeEnum.INSTANCE ? instanceId.equals(t.id())
            : privateIps.contains(t.id());
        boolean leaving = target.targetHealth() != null
            && target.targetHealth().state() == TargetHealthStateEnum.DRAINING;
        if (ours && !leaving) {
          found.add(new TargetRegistration(group.targetGroupArn(), t.id(), t.port(), t.availabilityZone()));
        }
      }
    }
    return List.copyOf(found);
  }

  /** The classic load balancers the instance is registered with now (paginated). */
  List<String> classicLoadBalancersOf(String instanceId) {
    List<String> names = new ArrayList<>();
    for (LoadBalancerDescription lb : Pages.collect(marker -> elb.describeLoadBalancers(r -> r.marker(marker)),
        DescribeLoadBalancersResponse::loadBalancerDescriptions, DescribeLoadBalancersResponse::nextMarker)) {
      if (lb.instances().stream().anyMatch(i -> instanceId.equals(i.instanceId()))) {
        names.add(lb.loadBalancerName());
      }
    }
    return List.copyOf(names);
  }

  /** Deregisters the given registrations, one call per target group. */
  List<AuditRecord> deregisterTargets(Collection<TargetRegistration> registrations, AuditLog audit) {
    List<AuditRecord> done = new ArrayList<>();
    byGroup(registrations).forEach((group, targets) -> {
      var response = elbv2.deregisterTargets(r -> r.targetGroupArn(group).targets(targets));
      done.add(audit.changed("elasticloadbalancing:DeregisterTargets", group, describe(targets), null, response));
    });
    return done;
  }

  /** Registers the given registrations, one call per target group. */
  List<AuditRecord> registerTargets(Collection<TargetRegistration> registrations, AuditLog audit) {
    List<AuditRecord> done = new ArrayList<>();
    byGroup(registrations).forEach((group, targets) -> {
      var response = elbv2.registerTargets(r -> r.targetGroupArn(group).targets(targets));
      done.add(audit.changed("elasticloadbalancing:RegisterTargets", group, null, describe(targets), response));
    });
    return done;
  }

  AuditRecord leaveClassic(String loadBalancer, String instanceId, AuditLog audit) {
    var response = elb.deregisterInstancesFromLoadBalancer(r -> r.loadBalancerName(loadBalancer)
        .instances(i -> i.instanceId(instanceId)));
    return audit.changed("elasticloadbalancing:DeregisterInstancesFromLoadBalancer", loadBalancer, instanceId, null,
        response);
  }

  AuditRecord joinClassic(String loadBalancer, String instanceId, AuditLog audit) {
    var response = elb.registerInstancesWithLoadBalancer(r -> r.loadBalancerName(loadBalancer)
        .instances(i -> i.instanceId(instanceId)));
    return audit.changed("elasticloadbalancing:RegisterInstancesWithLoadBalancer", loadBalancer, null, instanceId,
        response);
  }

  private static Map<String, List<TargetDescription>> byGroup(Collection<TargetRegistration> registrations) {
    Map<String, List<TargetDescription>> byGroup = new LinkedHashMap<>();
    for (TargetRegistration r : registrations) {
      byGroup.computeIfAbsent(r.targetGroupArn(), g -> new ArrayList<>()).add(TargetDescription.builder()
          .id(r.targetId()).port(r.port()).availabilityZone(r.availabilityZone()).build());
    }
    return byGroup;
  }

  private static List<String> describe(List<TargetDescription> targets) {
    return targets.stream().map(t -> t.id() + (t.port() == null ? "" : ":" + t.port())).toList();
  }
}
