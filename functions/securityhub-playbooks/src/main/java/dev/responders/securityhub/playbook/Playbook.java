package dev.responders.securityhub.playbook;

import dev.responders.shared.audit.AuditLog;
import java.util.Optional;
import java.util.Set;

/**
 * One remediation: the controls it answers, the steps it would take on a resource (read from the resource as it
 * is now, so an already compliant resource gets none), how it takes them, and, since the engine plans again
 * after {@link #apply}, its verification by re-reading.
 *
 * @param <S> what planning read about the resource, handed to {@link #apply}
 */
public interface Playbook<S> {

  /** The security control ids it remediates, e.g. {@code KMS.4}; none for a playbook run by a custom action. */
  Set<String> controls();

  /** The template parameter it needs and that is not set, or empty when it can run. */
  default Optional<String> missingParameter() {
    return Optional.empty();
  }

  /**
   * Whether it acts in the finding's account and region (through that account's role when it is not the function's
   * own); false for a playbook that talks to a system outside AWS (Jira), which needs no role at all.
   */
  default boolean actsInAccount() {
    return true;
  }

  /**
   * Reads the resource and lists the steps that would make it compliant; none when it already is. A resource this
   * playbook cannot act on (wrong type, gone) raises {@link NotRemediableException} with the reason.
   */
  Plan<S> plan(Target target);

  /** Takes the plan's steps, writing an audit line for each mutation. */
  void apply(Target target, Plan<S> plan, AuditLog audit);
}
