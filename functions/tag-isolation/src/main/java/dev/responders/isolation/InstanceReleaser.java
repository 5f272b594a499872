package dev.responders.isolation;

import dev.responders.isolation.InstanceInspector.Inspection;
import dev.responders.isolation.PriorState.AddressAssociation;
import dev.responders.isolation.PriorState.InterfaceGroups;
import dev.responders.isolation.PriorState.TargetRegistration;
import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.error.NotificationFailedException;
import dev.responders.shared.lambda.TimeBudget;
import dev.responders.shared.notify.Delivery;
import dev.responders.shared.notify.Notifier;
import dev.responders.shared.text.Excerpt;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Releases one isolated instance: restores exactly what its sealed record holds from before the incident's
 * first change, in the reverse order of isolation, each step only where EC2 differs from the record (so a
 * redelivery or a retry after a failure finishes the job and changes nothing twice).
 *
 * <ol>
 *   <li>check scope: the trigger tag set to the release value, a record sealed by the suite, not yet released
 *       (anything else is a no-op that says why);</li>
 *   <li>instance profile as recorded (or none), and the metadata options when the isolation recorded them;</li>
 *   <li>every recorded interface's groups, in order, and its connection-tracking timeouts;</li>
 *   <li>Elastic IPs on their recorded interfaces and addresses;</li>
 *   <li>target group and classic load balancer registrations;</li>
 *   <li>Auto Scaling: attach back, then the recorded desired capacity;</li>
 *   <li>termination protection and shutdown behaviour as recorded;</li>
 *   <li>tag {@code released}, tell the responders, mark the record released so a later isolation records
 *       afresh.</li>
 * </ol>
 * Evidence snapshots and the isolation group are left in place.
 */
final class InstanceReleaser {

  static final String STATUS_TAG_RELEASED = "released";
  static final String STATUS_TAG_FAILED = "release-failed";

  private final IsolationConfig config;
  private final InstanceInspector inspector;
  private final PriorStateStore priorState;
  private final InstanceContainment containment;
  private final InstanceRestoration restoration;
  private final AutoScalingMembership autoScaling;
  private final LoadBalancerMembership loadBalancers;
  private final ElasticIpAssociations elasticIps;
  private final Notifier notifier;

  InstanceReleaser(IsolationConfig config, Ec2Client ec2, AutoScalingClient autoScaling,
      LoadBalancerMembership loadBalancers, InstanceInspector inspector, PriorStateStore priorState,
      Notifier notifier) {
    this.config = config;
    this.inspector = inspector;
    this.priorState = priorState;
    this.containment = new InstanceContainment(ec2, config);
    this.restoration = new InstanceRestoration(ec2);
    this.autoScaling = new AutoScalingMembership(autoScaling);
    this.loadBalancers = loadBalancers;
    this.elasticIps = new ElasticIpAssociations(ec2);
    this.notifier = notifier;
  }

  ReleaseResult release(TagChangeEvent event, AuditLog audit, TimeBudget budget) {
    String instanceId = event.instanceId();
    Optional<String> outOfScope = event.outOfScopeReason(config, config.releaseTagValue());
    if (outOfScope.isPresent()) {
      return skip(event.resourceArn(), instanceId, outOfScope.get(), audit);
    }
    Optional<Inspection> found = inspector.inspect(instanceId, event.eventId());
    if (found.isEmpty()) {
      return skip(instanceId, instanceId, "instance " + instanceId + " does not exist in this account and region", audit);
    }
    Inspection inspection = found.get();
    if (inspection.gone()) {
      return skip(instanceId, instanceId, "instance is " + inspection.state() + ": nothing left to release", audit);
    }
    String tagNow = inspection.tags().get(config.tagKey());
    if (!config.releaseTagValue().equals(tagNow)) {
      return skip(instanceId, instanceId, "instance no longer carries " + config.tagKey() + "="
          + config.releaseTagValue() + " (now " + Excerpt.of(tagNow) + "): the event is stale", audit);
    }
    String parameter = config.stateParameterName(instanceId);
    if (priorState.storedRecord(instanceId).isEmpty()) {
      return skip(instanceId, instanceId, "instance was never isolated by this suite (no record in " + parameter
          + "): nothing to restore", audit);
    }
    Optional<IsolationRecord> trusted = priorState.read(instanceId);
    if (trusted.isEmpty()) {
      audit.metric("ReleaseRefusedUntrustedRecord");
      return skip(instanceId, instanceId, "record " + parameter + " is not sealed by this suite (written or edited by"
          + " someone else): nothing is restored from it", audit);
    }
    IsolationRecord record = trusted.get();
    if (record.status() == RecordStatus.RELEASED) {
      return skip(instanceId, instanceId, "incident " + record.incident() + " was released before: nothing to"
          + " restore (a new isolation records afresh)", audit);
    }
    audit.decision("release", instanceId, config.tagKey() + "=" + config.releaseTagValue() + " applied; restoring"
        + " the state recorded by incident " + record.incident());
    return restore(instanceId, inspection, record, audit, budget);
  }

  private ReleaseResult restore(String instanceId, Inspection inspection, IsolationRecord record, AuditLog audit,
      TimeBudget budget) {
    String name = inspection.tags().get("Name");
    PriorState was = record.prior();
    PriorState now = inspection.prior();
    Steps step = new Steps(audit, instanceId, name, budget, containment, notifier, Steps.Failure.RELEASE);

    step.run("ec2:ReplaceIamInstanceProfileAssociation", instanceId,
        () -> restoration.restoreProfile(instanceId, was.instanceProfileArn(), now.instanceProfileArn(),
            inspection.associationId(), audit));
    if (was.metadataOptions() != null) {
      step.run("ec2:ModifyInstanceMetadataOptions", instanceId, () -> restoration.restoreMetadataOptions(instanceId,
          was.metadataOptions(), now.metadataOptions(), audit));
    }
    List<String> warnings = new ArrayList<>();
    for (InterfaceGroups nic : was.interfaces()) {
      Optional<InterfaceGroups> listed = now.interfaces().stream()
          .filter(n -> n.networkInterfaceId().equals(nic.networkInterfaceId())).findFirst();
      Optional<List<String>> found = listed.map(InterfaceGroups::groupIds)
          .or(() -> inspector.groupsOfInterfaceIfAny(nic.networkInterfaceId()));
      if (found.isEmpty()) {
        // A branch interface goes with its task or pod: nothing is left to restore on it.
        String gone = "interface " + nic.networkInterfaceId() + " no longer exists: its recorded groups "
            + nic.groupIds() + " are not restored";
        audit.decision("skip-interface-gone", nic.networkInterfaceId(), gone);
        warnings.add(gone);
        continue;
      }
      List<String> groupsNow = found.get();
      step.run("ec2:ModifyNetworkInterfaceAttribute", nic.networkInterfaceId(),
          () -> restoration.restoreInterface(nic, groupsNow, audit));
      step.run("ec2:ModifyNetworkInterfaceAttribute(ConnectionTrackingSpecification)", nic.networkInterfaceId(),
          () -> restoration.restoreConnectionTracking(nic, listed.map(InterfaceGroups::tracking).orElse(null),
              audit));
    }
    for (AddressAssociation address : was.elasticIps()) {
      step.run("ec2:AssociateAddress", address.allocationId(), () -> elasticIps.restore(address, audit));
    }
    List<TargetRegistration> missing = was.targets().stream().filter(t -> !now.targets().contains(t)).toList();
    step.run("elasticloadbalancing:RegisterTargets", instanceId, () -> loadBalancers.registerTargets(missing, audit));
    for (String classic : was.classicLoadBalancers()) {
      if (!now.classicLoadBalancers().contains(classic)) {
        step.run("elasticloadbalancing:RegisterInstancesWithLoadBalancer", classic,
            () -> loadBalancers.joinClassic(classic, instanceId, audit));
      }
    }
    String group = was.autoScalingGroup();
    if (group != null) {
      step.run("autoscaling:AttachInstances", group,
          () -> autoScaling.attach(instanceId, group, now.autoScalingGroup(), audit));
      if (was.autoScalingDesired() != null) {
        step.run("autoscaling:SetDesiredCapacity", group, () -> autoScaling.restoreDesiredCapacity(group,
            was.autoScalingDesired(), inspector.desiredCapacity(group), audit));
      }
    }
    step.run("ec2:ModifyInstanceAttribute(DisableApiTermination)", instanceId,
        () -> restoration.restoreTerminationProtection(instanceId, was.disableApiTermination(),
            now.disableApiTermination(), audit));
    step.run("ec2:ModifyInstanceAttribute(InstanceInitiatedShutdownBehavior)", instanceId,
        () -> restoration.restoreShutdownBehavior(instanceId, was.shutdownBehavior(), now.shutdownBehavior(), audit));
    step.run("ec2:CreateTags", instanceId,
        () -> containment.tagStatus(instanceId, inspection.tags(), STATUS_TAG_RELEASED, audit));

    String left = "left in place: evidence snapshots " + record.evidenceSnapshotIds()
        + " and the isolation group (delete them when the investigation is closed)";
    ReleaseResult result = new ReleaseResult(ReleaseResult.Status.RELEASED, instanceId, null, record.incident(),
        config.stateParameterName(instanceId), left, record.evidenceSnapshotIds(), audit.changes(),
        List.copyOf(warnings), null);
    String subject = "Released EC2 instance " + Steps.described(instanceId, name);
    Delivery sent = notifier.notify(TagReleaseHandler.NAME, Outcome.RELEASED.label(), subject, result, audit);
    if (sent == Delivery.FAILED) {
      throw new NotificationFailedException(subject, "instance " + instanceId + " is released; incident "
          + record.incident() + " stays open on record until the responders are told");
    }
    priorState.markReleased(record, audit).ifPresent(warnings::add);
    return result.withNotification(sent, audit.changes(), List.copyOf(warnings));
  }

  /** For SnapStart priming: reads an instance and a record that cannot exist. Changes nothing. */
  void warmUp() {
    String neverAnInstance = "i-00000000000000000";
    inspector.inspect(neverAnInstance, "priming");
    priorState.storedRecord(neverAnInstance);
  }

  private static ReleaseResult skip(String target, String instanceId, String reason, AuditLog audit) {
    audit.decision("skip", target, reason);
    return ReleaseResult.skipped(instanceId, reason);
  }
}
