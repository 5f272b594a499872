package dev.responders.isolation;

import dev.responders.isolation.InstanceInspector.Inspection;
import dev.responders.isolation.PriorState.InterfaceGroups;
import dev.responders.isolation.PriorStateStore.Opened;
import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.audit.AuditRecord;
import dev.responders.shared.error.NotificationFailedException;
import dev.responders.shared.error.RemediationIncompleteException;
import dev.responders.shared.lambda.TimeBudget;
import dev.responders.shared.notify.Delivery;
import dev.responders.shared.notify.Notifier;
import dev.responders.shared.text.Excerpt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
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
 *   <li>check scope: an instance of this account and region, the trigger tag really present with the trigger
 *       value (a tag removed before the function ran is reported: the suspect may have removed it);</li>
 *   <li>record the prior state (per interface groups, Auto Scaling group, instance profile, protections) in SSM,
 *       once per incident;</li>
 *   <li>turn termination protection on and shutdown behaviour to stop, keeping the evidence;</li>
 *   <li>detach it from its Auto Scaling group, which would otherwise replace (terminate) it;</li>
 *   <li>resolve the deny-all group of the VPC;</li>
 *   <li>put it, alone, on every network interface (not ModifyInstanceAttribute, which EC2 refuses for
 *       instances with several interfaces);</li>
 *   <li>replace the instance profile with the deny-all isolation profile;</li>
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
  private final InstanceContainment containment;
  private final AutoScalingDetacher autoScaling;
  private final EvidenceSnapshotter evidence;
  private final Notifier notifier;

  public InstanceIsolator(IsolationConfig config, Ec2Client ec2, AutoScalingClient autoScaling,
      InstanceInspector inspector, PriorStateStore priorState, Notifier notifier) {
    this.config = config;
    this.inspector = inspector;
    this.priorState = priorState;
    this.groups = new IsolationGroupResolver(ec2, config.scope().account());
    this.containment = new InstanceContainment(ec2, config);
    this.autoScaling = new AutoScalingDetacher(autoScaling);
    this.evidence = new EvidenceSnapshotter(ec2);
    this.notifier = notifier;
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
    audit.decision("isolate", instanceId, config.tagKey() + "=" + config.tagValue() + " applied");

    Step step = new Step(audit, instanceId, name, budget);
    PriorState current = inspection.prior();
    List<String> warnings = new ArrayList<>();
    Opened opened = step.run("ssm:PutParameter", config.stateParameterName(instanceId),
        () -> priorState.open(current, inspection.showsIsolation(config), inspection.touched(config), audit));
    if (opened.warning() != null) {
      warnings.add(opened.warning());
    }
    step.run("ec2:ModifyInstanceAttribute(DisableApiTermination)", instanceId,
        () -> containment.protectFromTermination(current, audit));
    step.run("ec2:ModifyInstanceAttribute(InstanceInitiatedShutdownBehavior)", instanceId,
        () -> containment.stopOnShutdown(current, audit));
    step.run("autoscaling:DetachInstances", instanceId,
        () -> autoScaling.detach(instanceId, current.autoScalingGroup(), audit),
        () -> inspector.autoScalingGroupNow(instanceId) == null);

    Map<String, String> groupByVpc = new LinkedHashMap<>();
    for (InterfaceGroups nic : current.interfaces()) {
      String vpc = current.vpcOf(nic);
      if (!groupByVpc.containsKey(vpc)) {
        groupByVpc.put(vpc, step.run("resolve-isolation-group", IsolationGroupResolver.groupName(vpc),
            () -> groups.resolve(vpc, audit, warnings)));
      }
    }
    for (InterfaceGroups nic : current.interfaces()) {
      String groupId = groupByVpc.get(current.vpcOf(nic));
      step.run("ec2:ModifyNetworkInterfaceAttribute", nic.networkInterfaceId(),
          () -> containment.isolateInterface(nic, groupId, audit),
          () -> inspector.groupsOfInterfaceNow(nic.networkInterfaceId()).equals(List.of(groupId)));
    }
    step.run("ec2:ReplaceIamInstanceProfileAssociation", instanceId,
        () -> containment.swapInstanceProfile(current, inspection.associationId(), audit),
        () -> inspector.profileAssociationNow(instanceId).map(a -> a.iamInstanceProfile().arn())
            .filter(arn -> arn.endsWith("/" + config.instanceProfileName())).isPresent());
    step.run("ec2:CreateTags", instanceId,
        () -> containment.tagStatus(instanceId, inspection.tags(), STATUS_TAG_ISOLATED, audit));
    IsolationRecord record = opened.record();
    EvidenceSnapshotter.Evidence taken = config.snapshotVolumes()
        ? evidence.snapshot(instanceId, record.incident(), record.evidenceSnapshotIds(), audit)
        : EvidenceSnapshotter.Evidence.disabled();

    boolean owed = !audit.changes().isEmpty() || opened.kept() && record.status() == RecordStatus.CONTAINING;
    IsolationResult result = new IsolationResult(
        owed ? IsolationResult.Status.ISOLATED : IsolationResult.Status.ALREADY_ISOLATED, instanceId, null,
        List.copyOf(groupByVpc.values()), config.stateParameterName(instanceId), opened.kept() ? null : current,
        taken.outcome(), taken.snapshotIds(), audit.changes(), List.copyOf(warnings), null);
    if (!owed) {
      return result;
    }
    String subject = "Isolated EC2 instance " + described(instanceId, name);
    Delivery sent = notifier.notify(TagIsolationHandler.NAME, Outcome.ISOLATED.label(), subject, result, audit);
    if (sent == Delivery.FAILED) {
      throw new NotificationFailedException(subject, "instance " + instanceId + " is contained; incident "
          + record.incident() + " stays open on record until the responders are told");
    }
    priorState.markContained(opened, taken.snapshotIds(), audit).ifPresent(warnings::add);
    return new IsolationResult(result.status(), instanceId, null, result.isolationGroupIds(),
        result.priorStateParameter(), result.unrecordedPriorState(), result.evidence(), result.snapshotIds(),
        audit.changes(), List.copyOf(warnings), sent);
  }

  private static String described(String instanceId, String name) {
    return name == null ? instanceId : instanceId + " (" + Excerpt.plain(name) + ")";
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

  /** Runs one step; a failure is audited, marked on the instance, reported to the responders and raised. */
  private final class Step {
    private final AuditLog audit;
    private final String instanceId;
    private final String name;
    private final TimeBudget budget;

    Step(AuditLog audit, String instanceId, String name, TimeBudget budget) {
      this.audit = audit;
      this.instanceId = instanceId;
      this.name = name;
      this.budget = budget;
    }

    <T> T run(String action, String target, Supplier<T> body) {
      return run(action, target, body, null);
    }

    /**
     * @param doneAnyway re-reads AWS after a failure: true when the step's end state is there all the same (a
     *                   concurrent invocation of the same incident did it first), which is then no failure
     */
    <T> T run(String action, String target, Supplier<T> body, BooleanSupplier doneAnyway) {
      try {
        if (!budget.allowsAnotherStep()) {
          throw new IllegalStateException("only " + budget.remainingMillis() + " ms of the invocation are left:"
              + " stopping before " + action + " to report, so the retry finishes the job");
        }
        return body.get();
      } catch (SdkException | IllegalStateException e) {
        if (doneAnyway != null && e instanceof SdkException && reachedAnyway(doneAnyway)) {
          audit.decision("done-concurrently", target, action + " failed (" + e.getMessage()
              + ") but its end state is in place: a concurrent invocation did it first");
          return null;
        }
        throw failed(action, target, e);
      }
    }

    private boolean reachedAnyway(BooleanSupplier doneAnyway) {
      try {
        return doneAnyway.getAsBoolean();
      } catch (SdkException e) {
        return false;
      }
    }

    private RemediationIncompleteException failed(String action, String target, RuntimeException e) {
      audit.failed(action, target, null, e);
      List<AuditRecord> done = audit.changes();
      try {
        containment.tagStatus(instanceId, Map.of(), STATUS_TAG_FAILED, audit);
      } catch (SdkException tagFailure) {
        audit.failed("ec2:CreateTags", instanceId, null, tagFailure);
      }
      notifier.notify(TagIsolationHandler.NAME, Outcome.ISOLATION_FAILED.label(),
          "Isolation FAILED for EC2 instance " + described(instanceId, name),
          Map.of("instance_id", instanceId, "failed_action", action, "failed_target", target,
              "error", String.valueOf(e.getMessage()), "completed", done), audit);
      return new RemediationIncompleteException(action, target, done, e);
    }
  }
}
