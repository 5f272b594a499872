package dev.responders.isolation;

import dev.responders.isolation.InstanceInspector.Inspection;
import dev.responders.isolation.PriorState.InterfaceGroups;
import dev.responders.isolation.PriorState.TargetRegistration;
import dev.responders.isolation.PriorStateStore.Opened;
import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.error.NotificationFailedException;
import dev.responders.shared.lambda.TimeBudget;
import dev.responders.shared.notify.Delivery;
import dev.responders.shared.notify.Notifier;
import dev.responders.shared.text.Excerpt;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Address;

/**
 * Contains one instance. Every step first compares what EC2 reports with the isolated state and acts only on
 * the difference, so a redelivered event finds the work done and changes nothing, and a retry after a failure
 * finishes the job.
 *
 * <ol>
 *   <li>check scope: an instance of this account and region, the trigger tag really present with the trigger
 *       value (a tag removed before the function ran is reported: the suspect may have removed it); an instance
 *       with no interface in a VPC is reported and left as it is: no security group can contain it;</li>
 *   <li>record the prior state (per interface groups, Auto Scaling group and capacity, load balancer
 *       registrations, Elastic IPs, instance profile, protections) in SSM,
 *       once per incident;</li>
 *   <li>turn termination protection on and shutdown behaviour to stop, keeping the evidence;</li>
 *   <li>detach it from its Auto Scaling group, which would otherwise replace (terminate) it;</li>
 *   <li>deregister it from every target group (instance and IP targets) and classic load balancer, before any
 *       network change, so no client is sent to a contained instance;</li>
 *   <li>resolve the deny-all group of the VPC;</li>
 *   <li>put it, alone, on every network interface: those DescribeInstances lists and those found attached or
 *       on a trunk (branch interfaces of ECS tasks and EKS pods, see {@link UnlistedInterfaces}); not
 *       ModifyInstanceAttribute, which EC2 refuses for instances with several interfaces; with
 *       {@code cutTrackedConnections}, right after the VPC's all-traffic group, so tracked connections become
 *       untracked and are cut;</li>
 *   <li>disassociate its Elastic IPs;</li>
 *   <li>replace the instance profile with the deny-all isolation profile; optionally deny the old role's sessions
 *       issued before now, for this instance only;</li>
 *   <li>tag the outcome under a key that does not re-trigger the rule;</li>
 *   <li>snapshot every volume as evidence, once per incident;</li>
 *   <li>tell the responders, then mark the incident contained: until then a retry tells them again.</li>
 * </ol>
 */
public final class InstanceIsolator {

  static final String STATUS_TAG_ISOLATED = "isolated";
  static final String STATUS_TAG_FAILED = "isolation-failed";

  private final IsolationConfig config;
  private final InstanceInspector inspector;
  private final PriorStateStore priorState;
  private final IsolationGroupResolver groups;
  private final UntrackingGroupResolver untracking;
  private final InstanceContainment containment;
  private final AutoScalingMembership autoScaling;
  private final EvidenceSnapshotter evidence;
  private final LoadBalancerMembership loadBalancers;
  private final ElasticIpAssociations elasticIps;
  private final RoleSessionRevoker sessions;
  private final Notifier notifier;
  private final Clock clock;

  InstanceIsolator(IsolationConfig config, Ec2Client ec2, AutoScalingClient autoScaling,
      LoadBalancerMembership loadBalancers, RoleSessionRevoker sessions, InstanceInspector inspector,
      PriorStateStore priorState, Notifier notifier, Clock clock) {
    this.config = config;
    this.inspector = inspector;
    this.priorState = priorState;
    this.groups = new IsolationGroupResolver(ec2, config.scope().account());
    this.untracking = new UntrackingGroupResolver(ec2);
    this.containment = new InstanceContainment(ec2, config);
    this.autoScaling = new AutoScalingMembership(autoScaling);
    this.evidence = new EvidenceSnapshotter(ec2);
    this.loadBalancers = loadBalancers;
    this.elasticIps = new ElasticIpAssociations(ec2);
    this.sessions = sessions;
    this.notifier = notifier;
    this.clock = clock;
  }

  public IsolationResult isolate(TagChangeEvent event, AuditLog audit, TimeBudget budget) {
    String instanceId = event.instanceId();
    Optional<String> outOfScope = event.outOfScopeReason(config);
    if (outOfScope.isPresent()) {
      return skip(event.resourceArn(), instanceId, outOfScope.get(), audit);
    }
    Optional<Inspection> found = inspector.inspect(instanceId, event.eventId());
    if (found.isEmpty()) {
      return skip(instanceId, instanceId, "instance " + instanceId + " does not exist in this account and region", audit);
    }
    Inspection inspection = found.get();
    if (inspection.gone()) {
      return skip(instanceId, instanceId, "instance is " + inspection.state() + ": nothing left to contain", audit);
    }
    String name = inspection.tags().get("Name");
    String tagNow = inspection.tags().get(config.tagKey());
    if (!config.tagValue().equals(tagNow)) {
      return skipStale(instanceId, name, tagNow, audit);
    }
    if (inspection.noVpcInterface()) {
      return reportNoVpcInterface(inspection, null, audit);
    }
    audit.decision("isolate", instanceId, config.tagKey() + "=" + config.tagValue() + " applied");
    return contain(inspection, event.resourceArn(), null, audit, budget);
  }

  /**
   * Runs the isolation again on an instance a later change reopened (drift) while it still carries the isolation
   * tag. Every step is the isolation's own, so only what was reopened changes; the incident's record is kept
   * whatever the instance looks like now (a drift that reverted every change is no new incident), and the
   * responders are always told.
   */
  public IsolationResult recontain(String instanceId, String instanceArn, Drift drift, AuditLog audit,
      TimeBudget budget) {
    Optional<Inspection> found = inspector.inspect(instanceId, drift.eventId());
    if (found.isEmpty() || found.get().gone()) {
      return skip(instanceId, instanceId, "instance " + instanceId + " is gone: nothing to re-contain", audit);
    }
    Inspection inspection = found.get();
    String tagNow = inspection.tags().get(config.tagKey());
    if (!config.tagValue().equals(tagNow)) {
      return skip(instanceId, instanceId, "instance no longer carries " + config.tagKey() + "=" + config.tagValue()
          + ": not re-contained", audit);
    }
    if (inspection.noVpcInterface()) {
      return reportNoVpcInterface(inspection, drift, audit);
    }
    audit.decision("recontain", instanceId, drift.summary() + " reopened an isolated instance");
    return contain(inspection, instanceArn, drift, audit, budget);
  }

  /** What reopened an isolated instance: the CloudTrail call and who made it. */
  record Drift(String eventId, String eventName, String caller) {
    String summary() {
      return eventName + " by " + Excerpt.plain(caller);
    }
  }

  private IsolationResult contain(Inspection inspection, String instanceArn, Drift drift,
      AuditLog audit, TimeBudget budget) {
    String instanceId = inspection.prior().instanceId();
    String name = inspection.tags().get("Name");
    Steps step = new Steps(audit, instanceId, name, budget, containment, notifier,
        drift == null ? Steps.Failure.ISOLATION : Steps.Failure.RECONTAINMENT);
    PriorState current = config.disableInstanceMetadata() ? inspection.prior()
        : inspection.prior().withoutMetadataOptions();
    List<String> warnings = new ArrayList<>();
    Opened opened = step.run("ssm:PutParameter", config.stateParameterName(instanceId),
        () -> priorState.open(current, inspection.showsIsolation(config), inspection.touched(config), drift != null,
            audit));
    if (opened.warning() != null) {
      warnings.add(opened.warning());
    }
    for (UnlistedInterfaces.Reported nic : inspection.reported()) {
      audit.decision("report-interface", nic.networkInterfaceId(), nic.warning());
      warnings.add(nic.warning());
    }
    step.run("ec2:ModifyInstanceAttribute(DisableApiTermination)", instanceId,
        () -> containment.protectFromTermination(current, audit));
    step.run("ec2:ModifyInstanceAttribute(InstanceInitiatedShutdownBehavior)", instanceId,
        () -> containment.stopOnShutdown(current, audit));
    step.run("autoscaling:DetachInstances", instanceId,
        () -> autoScaling.detach(instanceId, current.autoScalingGroup(), audit),
        () -> inspector.autoScalingGroupNow(instanceId) == null);
    Set<String> privateIps = current.targets().stream().map(TargetRegistration::targetId).collect(Collectors.toSet());
    step.run("elasticloadbalancing:DeregisterTargets", instanceId,
        () -> loadBalancers.deregisterTargets(current.targets(), audit),
        () -> loadBalancers.targetsOf(instanceId, privateIps).isEmpty());
    for (String classic : current.classicLoadBalancers()) {
      step.run("elasticloadbalancing:DeregisterInstancesFromLoadBalancer", classic,
          () -> loadBalancers.leaveClassic(classic, instanceId, audit),
          () -> !loadBalancers.classicLoadBalancersOf(instanceId).contains(classic));
    }

    Map<String, String> groupByVpc = new LinkedHashMap<>();
    for (InterfaceGroups nic : current.interfaces()) {
      String vpc = current.vpcOf(nic);
      if (!groupByVpc.containsKey(vpc)) {
        groupByVpc.put(vpc, step.run("resolve-isolation-group", IsolationGroupResolver.groupName(vpc),
            () -> groups.resolve(vpc, audit, warnings)));
      }
    }
    Map<String, String> untrackByVpc = new LinkedHashMap<>();
    for (InterfaceGroups nic : current.interfaces()) {
      String vpc = current.vpcOf(nic);
      String groupId = groupByVpc.get(vpc);
      if (config.cutTrackedConnections()) {
        step.run("ec2:ModifyNetworkInterfaceAttribute(ConnectionTrackingSpecification)", nic.networkInterfaceId(),
            () -> containment.shortenConnectionTracking(nic, audit));
      }
      if (config.cutTrackedConnections() && !nic.groupIds().equals(List.of(groupId))) {
        String untrack = untrackByVpc.computeIfAbsent(vpc, v -> step.run("resolve-untrack-group",
            UntrackingGroupResolver.groupName(v), () -> untracking.resolve(v, audit, warnings)));
        cutTrackedConnections(nic, untrack, groupId, step, audit);
      } else {
        step.run("ec2:ModifyNetworkInterfaceAttribute", nic.networkInterfaceId(),
            () -> containment.isolateInterface(nic, groupId, audit),
            () -> inspector.groupsOfInterfaceNow(nic.networkInterfaceId()).equals(List.of(groupId)));
      }
    }
    for (Address address : inspection.elasticIps()) {
      step.run("ec2:DisassociateAddress", address.allocationId(), () -> elasticIps.disassociate(address, audit),
          () -> elasticIps.on(List.of(address.networkInterfaceId())).stream()
              .noneMatch(a -> a.allocationId().equals(address.allocationId())));
    }
    step.run("ec2:ReplaceIamInstanceProfileAssociation", instanceId,
        () -> containment.swapInstanceProfile(current, inspection.associationId(), audit),
        () -> inspector.profileAssociationNow(instanceId).map(a -> a.iamInstanceProfile().arn())
            .filter(arn -> arn.endsWith("/" + config.instanceProfileName())).isPresent());
    if (config.disableInstanceMetadata()) {
      step.run("ec2:ModifyInstanceMetadataOptions", instanceId, () -> containment.disableInstanceMetadata(current,
          audit));
    }
    String oldProfile = opened.record().prior().instanceProfileArn();
    if (config.revokeRoleSessions() && oldProfile != null
        && !oldProfile.endsWith("/" + config.instanceProfileName())) {
      step.run("iam:PutRolePolicy", instanceId, () -> sessions.revoke(oldProfile, instanceArn, instanceId,
          clock.instant(), audit));
    }
    step.run("ec2:CreateTags", instanceId,
        () -> containment.tagStatus(instanceId, inspection.tags(), STATUS_TAG_ISOLATED, audit));
    IsolationRecord record = opened.record();
    EvidenceSnapshotter.Evidence taken = config.snapshotVolumes()
        ? evidence.snapshot(instanceId, record.incident(), record.evidenceSnapshotIds(), audit)
        : EvidenceSnapshotter.Evidence.disabled();

    // A drift is news even when a concurrent run already undid it: the responders hear of every one.
    boolean owed = drift != null || !audit.changes().isEmpty()
        || opened.kept() && record.status() == RecordStatus.CONTAINING;
    // A re-containment says what reopened the instance, and who (the subject has no room for the caller).
    String why = drift == null ? null : drift.summary() + " reopened the isolated instance";
    IsolationResult result = new IsolationResult(
        owed ? IsolationResult.Status.ISOLATED : IsolationResult.Status.ALREADY_ISOLATED, instanceId, why,
        List.copyOf(groupByVpc.values()), config.stateParameterName(instanceId), opened.kept() ? null : current,
        taken.outcome(), taken.snapshotIds(), audit.changes(), List.copyOf(warnings), null);
    if (!owed) {
      return result;
    }
    String subject = drift == null ? "Isolated EC2 instance " + described(instanceId, name)
        : "Re-contained EC2 instance " + described(instanceId, name) + " after " + drift.eventName();
    Delivery sent = drift == null
        ? notifier.notify(TagIsolationHandler.NAME, Outcome.ISOLATED.label(), subject, result, audit)
        : notifier.notify(TagIsolationDriftHandler.NAME, Outcome.DRIFT_RECONTAINED.label(), subject, result, audit);
    if (sent == Delivery.FAILED) {
      throw new NotificationFailedException(subject, "instance " + instanceId + " is contained; incident "
          + record.incident() + " stays open on record until the responders are told");
    }
    priorState.markContained(opened, taken.snapshotIds(), audit).ifPresent(warnings::add);
    return new IsolationResult(result.status(), instanceId, why, result.isolationGroupIds(),
        result.priorStateParameter(), result.unrecordedPriorState(), result.evidence(), result.snapshotIds(),
        audit.changes(), List.copyOf(warnings), sent);
  }

  /**
   * The all-traffic group, then the deny-all group, back to back on one interface; the window between the two
   * answers (while the interface accepts everything) is measured and audited.
   */
  private void cutTrackedConnections(InterfaceGroups nic, String untrack, String groupId, Steps step, AuditLog audit) {
    String eni = nic.networkInterfaceId();
    long opened = 0;
    if (!nic.groupIds().equals(List.of(untrack))) {
      step.run("ec2:ModifyNetworkInterfaceAttribute(untrack)", eni, () -> containment.untrackInterface(nic, untrack,
          audit));
      opened = System.nanoTime();
    }
    InterfaceGroups untracked = nic.withGroups(List.of(untrack));
    step.run("ec2:ModifyNetworkInterfaceAttribute", eni, () -> containment.isolateInterface(untracked, groupId, audit),
        () -> inspector.groupsOfInterfaceNow(eni).equals(List.of(groupId)));
    if (opened != 0) {
      long windowMillis = (System.nanoTime() - opened) / 1_000_000;
      audit.decision("tracked-connections-cut", eni, "all-traffic group " + untrack + " was the interface's only"
          + " group for " + windowMillis + " ms before the deny-all group " + groupId);
    }
  }

  private static String described(String instanceId, String name) {
    return Steps.described(instanceId, name);
  }

  /**
   * Runs the read paths (describe the instance, read its record, compute a seal) for an instance id that cannot
   * exist, so SnapStart's snapshot holds their classes warm. Changes nothing anywhere.
   */
  void warmUp() {
    String neverAnInstance = "i-00000000000000000";
    inspector.inspect(neverAnInstance, "priming");
    priorState.warmUp(neverAnInstance);
  }

  /**
   * No interface in a VPC (none listed, none found attached or on a trunk): no security group can contain it, so
   * nothing is changed and it is not tagged isolated, but the responders are told, since the tag asked for
   * containment and did not get it.
   */
  IsolationResult reportNoVpcInterface(Inspection inspection, Drift drift, AuditLog audit) {
    String instanceId = inspection.prior().instanceId();
    String name = inspection.tags().get("Name");
    StringBuilder reason = new StringBuilder("instance has no network interface in a VPC (none listed by EC2, none"
        + " attached to it or on a trunk of it): no security group can contain it; nothing was changed");
    inspection.reported().forEach(nic -> reason.append("; ").append(nic.warning()));
    audit.decision("report-no-vpc-interface", instanceId, reason.toString());
    audit.metric("NoVpcInterface");
    String subject = "Isolation NOT POSSIBLE for EC2 instance " + described(instanceId, name)
        + ": no interface in a VPC";
    IsolationResult reported = new IsolationResult(IsolationResult.Status.NO_VPC_INTERFACE, instanceId,
        reason.toString(), List.of(), null, null, null, List.of(), List.of(),
        inspection.reported().stream().map(UnlistedInterfaces.Reported::warning).toList(), null);
    Delivery sent = notifier.notify(drift == null ? TagIsolationHandler.NAME : TagIsolationDriftHandler.NAME,
        Outcome.NO_VPC_INTERFACE.label(), subject, reported, audit);
    if (sent == Delivery.FAILED) {
      throw new NotificationFailedException(subject, reason.toString());
    }
    return reported.withNotification(sent);
  }

  private static IsolationResult skip(String target, String instanceId, String reason, AuditLog audit) {
    audit.decision("skip", target, reason);
    return IsolationResult.skipped(instanceId, reason);
  }

  /**
   * The tag was gone or changed before the function ran. Nothing is done, but it is never silent: a suspect
   * with {@code ec2:DeleteTags} on itself could escape isolation this way, so the responders are told and the
   * count is kept as a metric.
   */
  private IsolationResult skipStale(String instanceId, String name, String tagNow, AuditLog audit) {
    String reason = "instance no longer carries " + config.tagKey() + "=" + config.tagValue() + " (now "
        + Excerpt.of(tagNow) + "): the event is stale; if no responder removed the tag, the instance may have";
    audit.decision("skip-stale", instanceId, reason);
    audit.metric("SkippedStale");
    String subject = "Isolation SKIPPED for EC2 instance " + described(instanceId, name) + ": tag removed first";
    IsolationResult skipped = IsolationResult.skipped(instanceId, reason);
    Delivery sent = notifier.notify(TagIsolationHandler.NAME, Outcome.SKIPPED_STALE.label(), subject, skipped, audit);
    if (sent == Delivery.FAILED) {
      throw new NotificationFailedException(subject, reason);
    }
    return skipped.withNotification(sent);
  }
}
