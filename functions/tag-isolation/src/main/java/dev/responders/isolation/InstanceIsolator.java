package dev.responders.isolation;

import dev.responders.isolation.InstanceInspector.Inspection;
import dev.responders.isolation.InstanceSnapshot.InterfaceGroups;
import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.audit.AuditRecord;
import dev.responders.shared.error.RemediationIncompleteException;
import dev.responders.shared.notify.Delivery;
import dev.responders.shared.notify.Notifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Contains one instance. Every step first compares what EC2 reports with the isolated state and acts only on
 * the difference, so a redelivered event finds the work done and changes nothing, and a retry after a failure
 * finishes the job.
 *
 * <ol>
 *   <li>check scope: an instance, the trigger tag really present with the trigger value;</li>
 *   <li>record the prior state (per interface groups, Auto Scaling group, instance profile, protections) in SSM;</li>
 *   <li>turn termination protection on and shutdown behaviour to stop, keeping the evidence;</li>
 *   <li>detach it from its Auto Scaling group, which would otherwise replace (terminate) it;</li>
 *   <li>resolve the deny-all group of the VPC;</li>
 *   <li>put it, alone, on every network interface (not ModifyInstanceAttribute, which EC2 refuses for
 *       instances with several interfaces);</li>
 *   <li>replace the instance profile with the deny-all isolation profile;</li>
 *   <li>tag the outcome under a key that does not re-trigger the rule;</li>
 *   <li>snapshot every volume as evidence, once per incident;</li>
 *   <li>tell the responders.</li>
 * </ol>
 */
public final class InstanceIsolator {

  static final String STATUS_ISOLATED = "isolated";
  static final String STATUS_FAILED = "isolation-failed";

  private final IsolationConfig config;
  private final InstanceInspector inspector;
  private final PriorStateStore priorState;
  private final IsolationGroupResolver groups;
  private final InstanceContainment containment;
  private final AutoScalingDetacher autoScaling;
  private final EvidenceSnapshotter evidence;
  private final Notifier notifier;

  public InstanceIsolator(IsolationConfig config, Ec2Client ec2, AutoScalingClient autoScaling,
      InstanceInspector inspector, PriorStateStore priorState, Notifier notifier) {
    this.config = config;
    this.inspector = inspector;
    this.priorState = priorState;
    this.groups = new IsolationGroupResolver(ec2);
    this.containment = new InstanceContainment(ec2, config);
    this.autoScaling = new AutoScalingDetacher(autoScaling);
    this.evidence = new EvidenceSnapshotter(ec2);
    this.notifier = notifier;
  }

  public IsolationResult isolate(TagChangeEvent event, AuditLog audit) {
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
    String tagNow = inspection.tags().get(config.tagKey());
    if (!config.tagValue().equals(tagNow)) {
      return skip(instanceId, instanceId, "instance no longer carries " + config.tagKey() + "=" + config.tagValue()
          + " (now " + (tagNow == null ? "absent" : "'" + tagNow + "'") + "): the event is stale", audit);
    }
    audit.decision("isolate", instanceId, config.tagKey() + "=" + config.tagValue() + " applied");

    Step step = new Step(audit, instanceId, inspection.tags().get("Name"));
    InstanceSnapshot snapshot = inspection.snapshot();
    InstanceSnapshot onRecord = step.run("ssm:PutParameter", config.stateParameterName(instanceId),
        () -> priorState.record(snapshot, audit));
    step.run("ec2:ModifyInstanceAttribute", instanceId, () -> containment.protectFromTermination(snapshot, audit));
    step.run("ec2:ModifyInstanceAttribute", instanceId, () -> containment.stopOnShutdown(snapshot, audit));
    step.run("autoscaling:DetachInstances", instanceId,
        () -> autoScaling.detach(instanceId, snapshot.autoScalingGroup(), audit));

    Map<String, String> groupByVpc = new LinkedHashMap<>();
    for (InterfaceGroups nic : snapshot.interfaces()) {
      if (!groupByVpc.containsKey(nic.vpcId())) {
        groupByVpc.put(nic.vpcId(), step.run("ec2:CreateSecurityGroup", IsolationGroupResolver.groupName(nic.vpcId()),
            () -> groups.resolve(nic.vpcId(), audit)));
      }
    }
    for (InterfaceGroups nic : snapshot.interfaces()) {
      String groupId = groupByVpc.get(nic.vpcId());
      step.run("ec2:ModifyNetworkInterfaceAttribute", nic.networkInterfaceId(),
          () -> containment.isolateInterface(nic, groupId, audit));
    }
    step.run("ec2:ReplaceIamInstanceProfileAssociation", instanceId,
        () -> containment.swapInstanceProfile(snapshot, inspection.associationId(), audit));
    step.run("ec2:CreateTags", instanceId,
        () -> containment.tagStatus(instanceId, inspection.tags(), STATUS_ISOLATED, audit));
    EvidenceSnapshotter.Evidence taken = config.snapshotVolumes()
        ? evidence.snapshot(instanceId, onRecord.capturedByEvent(), audit)
        : EvidenceSnapshotter.Evidence.disabled();

    List<String> groupIds = List.copyOf(groupByVpc.values());
    String status = audit.changes().isEmpty() ? "already-isolated" : STATUS_ISOLATED;
    IsolationResult result = new IsolationResult(status, instanceId, null, groupIds,
        config.stateParameterName(instanceId), taken.outcome(), taken.snapshotIds(), audit.changes(), null);
    if (audit.changes().isEmpty()) {
      return result;
    }
    Delivery sent = notifier.notify(TagIsolationHandler.NAME, STATUS_ISOLATED,
        "Isolated EC2 instance " + described(instanceId, inspection.tags().get("Name")), result, audit);
    return result.withNotification(sent);
  }

  private static String described(String instanceId, String name) {
    return name == null ? instanceId : instanceId + " (" + name + ")";
  }

  /**
   * Runs the read paths (describe the instance, read its prior-state record) for an instance id that cannot
   * exist, so SnapStart's snapshot holds their classes warm. Changes nothing anywhere.
   */
  void warmUp() {
    String neverAnInstance = "i-00000000000000000";
    inspector.inspect(neverAnInstance, "priming");
    priorState.read(config.stateParameterName(neverAnInstance));
  }

  private static IsolationResult skip(String target, String instanceId, String reason, AuditLog audit) {
    audit.decision("skip", target, reason);
    return IsolationResult.skipped(instanceId, reason);
  }

  /** Runs one step; a failure is audited, marked on the instance, and raised with what was already done. */
  private final class Step {
    private final AuditLog audit;
    private final String instanceId;
    private final String name;

    Step(AuditLog audit, String instanceId, String name) {
      this.audit = audit;
      this.instanceId = instanceId;
      this.name = name;
    }

    <T> T run(String action, String target, Supplier<T> body) {
      try {
        return body.get();
      } catch (SdkException | IllegalStateException e) {
        audit.failed(action, target, null, e);
        List<AuditRecord> done = audit.changes();
        try {
          containment.tagStatus(instanceId, Map.of(), STATUS_FAILED, audit);
        } catch (SdkException tagFailure) {
          audit.failed("ec2:CreateTags", instanceId, null, tagFailure);
        }
        RemediationIncompleteException incomplete = new RemediationIncompleteException(action, target, done, e);
        notifier.notify(TagIsolationHandler.NAME, STATUS_FAILED,
            "Isolation FAILED for EC2 instance " + described(instanceId, name),
            Map.of("instance_id", instanceId, "failed_action", action, "failed_target", target,
                "error", String.valueOf(e.getMessage()), "completed", done), audit);
        throw incomplete;
      }
    }
  }
}
