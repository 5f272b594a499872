package dev.responders.securityhub.playbook;

import dev.responders.shared.audit.AuditLog;
import java.util.Optional;

/**
 * A playbook that hands a finding to another system instead of remediating it (a Jira issue, an SSM command): what
 * it starts cannot be verified by re-reading at once (the issue is triaged by people, the patching runs for minutes),
 * so its findings stay NOTIFIED and their note names what took the work over. Found again on redelivery, so the same
 * finding is never handed over twice.
 */
public interface Handover<S> extends Playbook<S> {

  /** What already holds this finding's work, as read by {@link #plan} ("Jira issue SEC-12"), or empty. */
  Optional<String> heldBy(Plan<S> plan);

  /** Hands the work over and says to what ("created Jira issue SEC-12"); an audit line for each mutation. */
  String handOver(Target target, Plan<S> plan, AuditLog audit);

  /** One hand-over per finding (a ticket) rather than one per resource (a command per instance). */
  default boolean oncePerFinding() {
    return false;
  }

  @Override
  default void apply(Target target, Plan<S> plan, AuditLog audit) {
    handOver(target, plan, audit);
  }
}
