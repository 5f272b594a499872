package dev.responders.securityhub;

import dev.responders.securityhub.FindingOutcome.ResourceOutcome;
import dev.responders.securityhub.FindingOutcome.Status;
import dev.responders.securityhub.FindingsEvent.Action;
import dev.responders.securityhub.FindingsEvent.Mode;
import dev.responders.securityhub.playbook.Handover;
import dev.responders.securityhub.playbook.HandoverRefusedException;
import dev.responders.securityhub.playbook.HandoverUnavailableException;
import dev.responders.securityhub.playbook.NotRemediableException;
import dev.responders.securityhub.playbook.Plan;
import dev.responders.securityhub.playbook.Playbook;
import dev.responders.securityhub.playbook.Target;
import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.lambda.TimeBudget;
import dev.responders.shared.text.Excerpt;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Decides which findings of an event are in scope and remediates every resource of each, once per finding id:
 * plan (read the resource), apply, plan again to verify; or, for the custom actions that hand a finding over (Jira,
 * patching), plan and hand over. Each resource is acted on in its own account and region (see {@link MemberAccounts}).
 * One failing resource does not stop the others.
 */
public final class FindingRemediator {

  private final PlaybooksConfig config;
  private final MemberAccounts accounts;

  public FindingRemediator(PlaybooksConfig config, MemberAccounts accounts) {
    this.config = config;
    this.accounts = accounts;
  }

  /** A finding left alone, and why; it gets no update at all. */
  public record Ignored(String findingId, String reason) {
  }

  public record Run(List<FindingOutcome> outcomes, List<Ignored> ignored) {
  }

  public Run remediate(FindingsEvent event, AuditLog audit, TimeBudget budget) {
    Set<String> seen = new HashSet<>();
    List<FindingOutcome> outcomes = new ArrayList<>();
    List<Ignored> ignored = new ArrayList<>();
    MemberAccounts.Sessions sessions = accounts.open();
    for (Finding finding : event.findings()) {
      Optional<String> why;
      try {
        why = !seen.add(finding.id())
            ? Optional.of("the same finding id appeared earlier in this event (member and administrator copies)")
            : ignoredReason(event.mode(), finding).or(() -> accounts.outsideOrganization(finding.awsAccountId()));
      } catch (SdkException e) {
        outcomes.add(unchecked(finding, e, audit));
        continue;
      }
      if (why.isPresent()) {
        audit.decision("ignore-finding", finding.id(), why.get());
        ignored.add(new Ignored(finding.id(), why.get()));
        continue;
      }
      outcomes.add(remediate(finding, event.action(), audit, budget, sessions));
    }
    return new Run(List.copyOf(outcomes), List.copyOf(ignored));
  }

  private Optional<String> ignoredReason(Mode mode, Finding finding) {
    Optional<String> out = finding.outOfScopeReason();
    if (out.isPresent() || mode == Mode.CUSTOM_ACTION) {
      return out;
    }
    // NOTIFIED is what this function sets when it could not help: acting on it again would loop.
    if (!"NEW".equals(finding.workflowStatus())) {
      return Optional.of("automatic mode acts on NEW findings only, this one is " + finding.workflowStatus());
    }
    String control = finding.controlId().orElse(null);
    if (control == null || !config.autoRemediateControls().contains(control)) {
      return Optional.of("control " + (control == null ? "(unrecognised)" : control)
          + " is not in AutoRemediateControls " + config.autoRemediateControls());
    }
    return Optional.empty();
  }

  private FindingOutcome remediate(Finding finding, Action action, AuditLog audit, TimeBudget budget,
      MemberAccounts.Sessions sessions) {
    String control = finding.controlId().orElse(null);
    List<ResourceOutcome> resources = new ArrayList<>();
    Optional<Playbook<?>> playbook = accounts.home().forAction(action, control);
    // A ticket is one per finding; everything else acts on each resource.
    boolean once = playbook.isPresent() && playbook.get() instanceof Handover<?> h && h.oncePerFinding();
    List<FindingResource> targets = once ? finding.resources().subList(0, 1) : finding.resources();
    for (FindingResource resource : targets) {
      String id = once ? finding.id() : resource.id();
      boolean exempt = (once ? finding.resources() : List.of(resource)).stream()
          .anyMatch(r -> r.tags().containsKey(config.exemptTagKey()));
      ResourceOutcome outcome;
      if (playbook.isEmpty()) {
        outcome = refused(id, Status.NO_PLAYBOOK, control == null
            ? "no security control recognised in GeneratorId " + Excerpt.of(finding.generatorId())
            : "this function has no playbook for " + control);
      } else if (playbook.get().missingParameter().isPresent()) {
        outcome = refused(id, Status.MISSING_PARAMETER, "needs template parameter "
            + playbook.get().missingParameter().get() + ", which is not set");
      } else if (exempt) {
        outcome = refused(id, Status.EXEMPT, "resource carries exemption tag " + config.exemptTagKey());
      } else {
        outcome = run(id, playbook.get(), action, new Target(finding.id(), control, finding.awsAccountId(), resource,
            finding), audit, budget, sessions);
      }
      audit.decision(outcome.status().label(), id, control + ": " + (outcome.detail() != null
          ? outcome.detail() : outcome.steps().isEmpty() ? "compliant" : String.join("; ", outcome.steps())));
      resources.add(outcome);
    }
    Status status = Status.worst(resources);
    return new FindingOutcome(finding.id(), finding.productArn(), control, status,
        FindingNote.of(control, status, resources), List.copyOf(resources));
  }

  /** The finding's account could not be checked against the organization: nothing done, noted, retried. */
  private static FindingOutcome unchecked(Finding finding, SdkException e, AuditLog audit) {
    audit.failed("organizations:DescribeAccount", finding.awsAccountId(), null, e);
    String control = finding.controlId().orElse(null);
    List<ResourceOutcome> resources = List.of(new ResourceOutcome(finding.id(), Status.FAILED, List.of(),
        "failed: account " + finding.awsAccountId() + " not checked against the organization: " + describe(e)));
    return new FindingOutcome(finding.id(), finding.productArn(), control, Status.FAILED,
        FindingNote.of(control, Status.FAILED, resources), resources);
  }

  private static ResourceOutcome refused(String id, Status status, String why) {
    return new ResourceOutcome(id, status, List.of(), why);
  }

  private ResourceOutcome run(String id, Playbook<?> chosen, Action action, Target target, AuditLog audit,
      TimeBudget budget, MemberAccounts.Sessions sessions) {
    try {
      Optional<String> mismatch = regionMismatch(target);
      if (mismatch.isPresent()) {
        return new ResourceOutcome(id, Status.NOT_REMEDIABLE, List.of(), mismatch.get());
      }
    } catch (NotRemediableException e) {
      return new ResourceOutcome(id, Status.NOT_REMEDIABLE, List.of(), e.getMessage());
    }
    if (!budget.allowsAnotherStep()) {
      return new ResourceOutcome(id, Status.FAILED, List.of(), "stopped with " + budget.remainingMillis()
          + " ms of the invocation left, before touching it; the retry remediates it");
    }
    Playbook<?> playbook = chosen;
    try {
      if (chosen.actsInAccount()) {
        playbook = sessions.catalogFor(target.account(), target.resource(), target.findingId(), audit)
            .forAction(action, target.controlId()).orElseThrow();
      }
    } catch (RoleNotAssumedException e) {
      return new ResourceOutcome(id, Status.ROLE_NOT_ASSUMED, List.of(), e.getMessage());
    } catch (SdkException e) {
      audit.failed("sts:AssumeRole", target.account(), null, e);
      return new ResourceOutcome(id, Status.FAILED, List.of(), "failed: " + describe(e));
    }
    return run(id, playbook, target, audit);
  }

  private <S> ResourceOutcome run(String id, Playbook<S> playbook, Target target, AuditLog audit) {
    List<String> done = List.of();
    try {
      Plan<S> plan = playbook.plan(target);
      if (playbook instanceof Handover<S> handover) {
        Optional<String> held = handover.heldBy(plan);
        if (held.isPresent()) {
          audit.unchanged(action(target), id, held.get(), "already handed over for this finding");
          return new ResourceOutcome(id, Status.HANDED_OVER, List.of(held.get()), null);
        }
        if (config.dryRun()) {
          return new ResourceOutcome(id, Status.WOULD_REMEDIATE, plan.steps(), null);
        }
        done = plan.steps();
        return new ResourceOutcome(id, Status.HANDED_OVER, List.of(handover.handOver(target, plan, audit)), null);
      }
      if (plan.isCompliant()) {
        audit.unchanged(target.controlId(), id, null, "already compliant");
        return new ResourceOutcome(id, Status.ALREADY_COMPLIANT, List.of(), null);
      }
      if (config.dryRun()) {
        return new ResourceOutcome(id, Status.WOULD_REMEDIATE, plan.steps(), null);
      }
      done = plan.steps();
      playbook.apply(target, plan, audit);
      Plan<S> after = playbook.plan(target);
      if (!after.isCompliant()) {
        return new ResourceOutcome(id, Status.FAILED, List.of(), "did not take: re-reading still shows "
            + String.join("; ", after.steps()));
      }
      return new ResourceOutcome(id, Status.REMEDIATED, done, null);
    } catch (NotRemediableException e) {
      return new ResourceOutcome(id, Status.NOT_REMEDIABLE, List.of(), e.getMessage());
    } catch (HandoverRefusedException e) {
      return new ResourceOutcome(id, Status.REFUSED, List.of(), e.getMessage());
    } catch (HandoverUnavailableException e) {
      audit.failed(action(target), id, done, e);
      return new ResourceOutcome(id, Status.FAILED, done, "failed: " + e.getMessage());
    } catch (SdkException e) {
      audit.failed(target.controlId(), id, done, e);
      return new ResourceOutcome(id, Status.FAILED, done, "failed: " + describe(e));
    }
  }

  private static String action(Target target) {
    return target.controlId() == null ? "handover" : target.controlId();
  }

  /** The AWS error code and message (what a responder searches for), or the client's message. */
  static String describe(SdkException e) {
    if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
      return aws.awsErrorDetails().serviceName() + " " + aws.awsErrorDetails().errorCode() + ": "
          + Excerpt.plain(String.valueOf(aws.awsErrorDetails().errorMessage()));
    }
    return Excerpt.plain(String.valueOf(e.getMessage()));
  }

  /** A resource whose ARN names another region than the finding's {@code Resources[].Region} is not acted on. */
  private static Optional<String> regionMismatch(Target target) {
    String region = target.resource().id().startsWith("arn:") ? target.arn().region() : "";
    if (!region.isEmpty() && !region.equals(target.resource().region())) {
      return Optional.of("resource ARN names region " + region + " but Resources[].Region is "
          + target.resource().region());
    }
    return Optional.empty();
  }
}
