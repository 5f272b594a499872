package dev.responders.isolation;

import dev.responders.isolation.InstanceIsolator.Drift;
import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.aws.MemberRoleCalls;
import dev.responders.shared.aws.Pages;
import dev.responders.shared.error.NotificationFailedException;
import dev.responders.shared.lambda.TimeBudget;
import dev.responders.shared.notify.Delivery;
import dev.responders.shared.notify.Notifier;
import dev.responders.shared.text.Excerpt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInterfacesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Answers a change that may have reopened an isolated instance (drift): a rule added to an isolation group, its
 * purpose tag removed, an interface's groups changed, the profile replaced, an Elastic IP associated.
 *
 * <ol>
 *   <li>the suite's own calls (its functions' roles, by the session issuer's ARN; in a member account the member
 *       role's sessions of the isolation, release and drift functions), failed calls and, in single-account mode,
 *       calls of another account or region are no drift;</li>
 *   <li>an isolation group a rule was added to is closed again, whoever uses it;</li>
 *   <li>each instance the call reached (directly, through its interfaces, its profile association, or a group
 *       whose tags changed) that still carries the isolation tag is isolated again: the isolation's own
 *       idempotent steps, under the incident's record;</li>
 *   <li>an instance tagged {@code isolated} that no longer carries the isolation tag is reported, not changed;
 *       instances never isolated are none of this function's business.</li>
 * </ol>
 */
final class DriftResponder {

  /** The member role's session names of the functions whose calls are the isolation's own (MemberInstances). */
  static final Set<String> SUITE_SESSIONS = Set.of(TagIsolationHandler.NAME, TagReleaseHandler.NAME,
      TagIsolationDriftHandler.NAME);

  private final IsolationConfig config;
  private final Set<String> suiteRoleArns;
  private final MemberRoleCalls memberRole;
  private final Ec2Client ec2;
  private final InstanceIsolator isolator;
  private final IsolationGroupResolver groups;
  private final Notifier notifier;

  DriftResponder(IsolationConfig config, Set<String> suiteRoleArns, Ec2Client ec2, InstanceIsolator isolator,
      Notifier notifier) {
    this.config = config;
    this.suiteRoleArns = Set.copyOf(suiteRoleArns);
    this.memberRole = config.deployment().organization()
        ? new MemberRoleCalls(config.deployment().memberRoleName(), config.scope().account()) : null;
    this.ec2 = ec2;
    this.isolator = isolator;
    this.groups = new IsolationGroupResolver(ec2, config.scope().account());
    this.notifier = notifier;
  }

  /** Why the call is no drift, without a call to AWS, or empty when it may be one. */
  Optional<String> notDrift(ApiCallEvent call) {
    String name = call.eventName();
    if (!config.deployment().organization()
        && (!config.scope().account().equals(call.account()) || !config.scope().region().equals(call.region()))) {
      return Optional.of("event of account " + Excerpt.of(call.account()) + " in " + Excerpt.of(call.region())
          + ": this function acts in " + config.scope().account() + " " + config.scope().region() + " only");
    }
    if (call.errorCode() != null) {
      return Optional.of(name + " failed (" + Excerpt.of(call.errorCode()) + "): it changed nothing");
    }
    if (call.callerRoleArn() != null && suiteRoleArns.contains(call.callerRoleArn())) {
      return Optional.of("the suite's own call (role " + call.callerRoleArn() + "): not drift");
    }
    Optional<String> session = memberRole == null ? Optional.empty()
        : memberRole.session(call.account(), call.callerArn(), call.callerRoleArn(), SUITE_SESSIONS);
    if (session.isPresent()) {
      return Optional.of("the suite's own call (" + call.callerArn() + ", the " + session.get()
          + " function's session of the member role): not drift");
    }
    if (!ApiCallEvent.WATCHED.contains(name)) {
      return Optional.of(name + " cannot reopen an isolated instance");
    }
    return Optional.empty();
  }

  DriftResult respond(ApiCallEvent call, AuditLog audit, TimeBudget budget) {
    String name = call.eventName();
    String caller = call.callerArn();
    Optional<String> notDrift = notDrift(call);
    if (notDrift.isPresent()) {
      return skip(call, notDrift.get(), audit);
    }
    List<String> closed = new ArrayList<>();
    for (String group : call.openedGroupIds()) {
      if (groups.closeIfIsolationGroup(group, audit)) {
        audit.decision("close-isolation-group", group, name + " by " + Excerpt.plain(caller)
            + " added a rule to an isolation group");
        closed.add(group);
      }
    }
    Map<String, Map<String, String>> reached = instancesReached(call);
    Drift drift = new Drift(call.eventId(), name, caller);
    List<IsolationResult> recontained = new ArrayList<>();
    List<String> reported = new ArrayList<>();
    for (Map.Entry<String, Map<String, String>> instance : reached.entrySet()) {
      Map<String, String> tags = instance.getValue();
      if (config.tagValue().equals(tags.get(config.tagKey()))) {
        recontained.add(isolator.recontain(instance.getKey(), call.instanceArn(instance.getKey()), drift, audit,
            budget));
      } else if (InstanceIsolator.STATUS_TAG_ISOLATED.equals(tags.get(config.statusTagKey()))) {
        audit.decision("report-drift", instance.getKey(), name + " by " + Excerpt.plain(caller) + " changed an"
            + " isolated instance that no longer carries " + config.tagKey() + "=" + config.tagValue()
            + ": reported, not re-contained");
        reported.add(instance.getKey());
      }
    }
    if (closed.isEmpty() && recontained.isEmpty() && reported.isEmpty()) {
      return skip(call, name + " touched no isolated instance and no isolation group", audit);
    }
    DriftResult.Status status = closed.isEmpty() && recontained.isEmpty() ? DriftResult.Status.REPORTED
        : DriftResult.Status.RECONTAINED;
    DriftResult result = new DriftResult(status, name, caller, null, List.copyOf(recontained), List.copyOf(reported),
        List.copyOf(closed), audit.changes(), null);
    if (closed.isEmpty() && reported.isEmpty()) {
      // Each re-contained instance was told by its own notification.
      return result;
    }
    // The caller, the groups and the instances are in the message: SNS subjects hold 100 characters.
    String subject = "Drift on isolation: " + name + (closed.isEmpty() ? "" : ", isolation group closed again")
        + (reported.isEmpty() ? "" : ", instance not re-contained (isolation tag gone)");
    Delivery sent = notifier.notify(TagIsolationDriftHandler.NAME, Outcome.DRIFT_REPORTED.label(), subject, result,
        audit);
    if (sent == Delivery.FAILED) {
      throw new NotificationFailedException(subject, "the drift is answered; the responders are told on the retry");
    }
    return new DriftResult(status, name, caller, null, result.recontained(), result.reported(), result.closedGroups(),
        audit.changes(), sent);
  }

  /** Every instance the call reached, with its tags now; an id EC2 no longer knows is left out. */
  private Map<String, Map<String, String>> instancesReached(ApiCallEvent call) {
    Set<String> ids = new LinkedHashSet<>(call.instanceIds());
    if (!call.interfaceIds().isEmpty()) {
      interfaces(Filter.builder().name("network-interface-id").values(call.interfaceIds()).build())
          .forEach(ni -> addAttached(ni, ids));
    }
    List<String> groupsReached = new ArrayList<>(call.taggedGroupIds());
    groupsReached.addAll(call.openedGroupIds());
    if (!groupsReached.isEmpty()) {
      interfaces(Filter.builder().name("group-id").values(groupsReached).build()).forEach(ni -> addAttached(ni, ids));
    }
    if (!call.associationIds().isEmpty()) {
      ec2.describeIamInstanceProfileAssociations(r -> r.associationIds(call.associationIds()))
          .iamInstanceProfileAssociations().forEach(a -> ids.add(a.instanceId()));
    }
    Map<String, Map<String, String>> tagsById = new LinkedHashMap<>();
    if (ids.isEmpty()) {
      return tagsById;
    }
    ec2.describeInstances(r -> r.filters(Filter.builder().name("instance-id").values(ids).build()))
        .reservations().stream().map(Reservation::instances).flatMap(List::stream)
        .forEach(i -> tagsById.put(i.instanceId(), i.tags().stream()
            .collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b))));
    return tagsById;
  }

  private List<NetworkInterface> interfaces(Filter filter) {
    return Pages.collect(token -> ec2.describeNetworkInterfaces(r -> r.filters(filter).nextToken(token)),
        DescribeNetworkInterfacesResponse::networkInterfaces, DescribeNetworkInterfacesResponse::nextToken);
  }

  private static void addAttached(NetworkInterface ni, Set<String> ids) {
    if (ni.attachment() != null && ni.attachment().instanceId() != null) {
      ids.add(ni.attachment().instanceId());
    }
  }

  private static DriftResult skip(ApiCallEvent call, String reason, AuditLog audit) {
    audit.decision("skip", call.eventName(), reason);
    return DriftResult.skipped(call.eventName(), call.callerArn(), reason);
  }

  /** For SnapStart priming: the read path of an interface id that cannot exist. Changes nothing. */
  void warmUp() {
    interfaces(Filter.builder().name("network-interface-id").values("eni-00000000000000000").build());
  }
}
