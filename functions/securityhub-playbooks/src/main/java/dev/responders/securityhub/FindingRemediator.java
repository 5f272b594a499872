package dev.responders.securityhub;

import dev.responders.securityhub.FindingOutcome.ResourceOutcome;
import dev.responders.securityhub.FindingOutcome.Status;
import dev.responders.securityhub.FindingsEvent.Mode;
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
 * plan (read the resource), apply, plan again to verify. One failing resource does not stop the others.
 */
public final class FindingRemediator {

  private final PlaybooksConfig config;
  private final PlaybookCatalog catalog;

  public FindingRemediator(PlaybooksConfig config, PlaybookCatalog catalog) {
    this.config = config;
    this.catalog = catalog;
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
    for (Finding finding : event.findings()) {
      Optional<String> why = !seen.add(finding.id())
          ? Optional.of("the same finding id appeared earlier in this event (member and administrator copies)")
          : ignoredReason(event.mode(), finding);
      if (why.isPresent()) {
        audit.decision("ignore-finding", finding.id(), why.get());
        ignored.add(new Ignored(finding.id(), why.get()));
        continue;
      }
      outcomes.add(remediate(finding, audit, budget));
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

  private FindingOutcome remediate(Finding finding, AuditLog audit, TimeBudget budget) {
    String control = finding.controlId().orElse(null);
    List<ResourceOutcome> resources = new ArrayList<>();
    Optional<Playbook<?>> playbook = control == null ? Optional.empty() : catalog.forControl(control);
    for (FindingResource resource : finding.resources()) {
      ResourceOutcome outcome;
      if (control == null) {
        outcome = refused(resource, Status.NO_PLAYBOOK, "no security control recognised in GeneratorId "
            + Excerpt.of(finding.generatorId()));
      } else if (playbook.isEmpty()) {
        outcome = refused(resource, Status.NO_PLAYBOOK, "this function has no playbook for " + control);
      } else if (!config.scope().account().equals(finding.awsAccountId())) {
        outcome = refused(resource, Status.OUT_OF_ACCOUNT, "finding of account " + finding.awsAccountId()
            + "; this function acts in " + config.scope().account() + " only");
      } else if (playbook.get().missingParameter().isPresent()) {
        outcome = refused(resource, Status.MISSING_PARAMETER, "needs template parameter "
            + playbook.get().missingParameter().get() + ", which is not set");
      } else if (resource.tags().containsKey(config.exemptTagKey())) {
        outcome = refused(resource, Status.EXEMPT, "resource carries exemption tag " + config.exemptTagKey());
      } else {
        outcome = run(playbook.get(), new Target(finding.id(), control, finding.awsAccountId(), resource), audit,
            budget);
      }
      audit.decision(outcome.status().label(), resource.id(), control + ": " + (outcome.detail() != null
          ? outcome.detail() : outcome.steps().isEmpty() ? "compliant" : String.join("; ", outcome.steps())));
      resources.add(outcome);
    }
    Status status = Status.worst(resources);
    return new FindingOutcome(finding.id(), finding.productArn(), control, status,
        FindingNote.of(control, status, resources), List.copyOf(resources));
  }

  private static ResourceOutcome refused(FindingResource resource, Status status, String why) {
    return new ResourceOutcome(resource.id(), status, List.of(), why);
  }

  private <S> ResourceOutcome run(Playbook<S> playbook, Target target, AuditLog audit, TimeBudget budget) {
    String id = target.resource().id();
    List<String> done = List.of();
    try {
      Optional<String> elsewhere = regionMismatch(target);
      if (elsewhere.isPresent()) {
        return new ResourceOutcome(id, Status.NOT_REMEDIABLE, List.of(), elsewhere.get());
      }
      if (!budget.allowsAnotherStep()) {
        return new ResourceOutcome(id, Status.FAILED, List.of(), "stopped with " + budget.remainingMillis()
            + " ms of the invocation left, before touching it; the retry remediates it");
      }
      Plan<S> plan = playbook.plan(target);
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
    } catch (SdkException e) {
      audit.failed(target.controlId(), id, done, e);
      return new ResourceOutcome(id, Status.FAILED, done, "failed: " + describe(e));
    }
  }

  /** The AWS error code and message (what a responder searches for), or the client's message. */
  static String describe(SdkException e) {
    if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
      return aws.awsErrorDetails().serviceName() + " " + aws.awsErrorDetails().errorCode() + ": "
          + Excerpt.plain(String.valueOf(aws.awsErrorDetails().errorMessage()));
    }
    return Excerpt.plain(String.valueOf(e.getMessage()));
  }

  /** A regional resource of another region is not this function's (its clients talk to one region). */
  private Optional<String> regionMismatch(Target target) {
    String region = target.resource().id().startsWith("arn:") ? target.arn().region() : "";
    if (!region.isEmpty() && !region.equals(config.scope().region())) {
      return Optional.of("resource is in region " + region + "; this function acts in " + config.scope().region());
    }
    return Optional.empty();
  }
}
