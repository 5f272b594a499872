package dev.responders.shared.aws;

import dev.responders.shared.audit.AuditLog;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs a handler's work on an event in the event's account and region. An event out of the handler's scope goes to
 * its own account's actor, which says why without a call; in organization mode an account that is not an active
 * member is refused (audited, a no-op whose result says why) before any role is assumed; an organization that cannot
 * be asked or a member role that cannot be assumed is audited and handed to the handler's report (it tells the
 * responders and raises: nothing was changed, Lambda retries).
 *
 * @param <T> what the handler acts through in one account and region (an isolator, a fixer)
 */
public final class EventAccounts<T> {

  /** What a handler does when an account could not be checked or reached: report and return what to raise. */
  @FunctionalInterface
  public interface Unreached {
    RuntimeException report(String failedAction, SdkException error);
  }

  /** Where an event's resource is, as the event says (already checked against its scope). */
  public record Where(String partition, String account, String region) {
  }

  private final OrganizationAccess access;
  private final AccountClients<T> actors;
  private final AccountScope home;

  public EventAccounts(OrganizationAccess access, AccountClients<T> actors, AccountScope home) {
    this.access = access;
    this.actors = actors;
    this.home = home;
  }

  /**
   * @param inScope whether the event passed the handler's own scope checks ({@link AccountScope} among them)
   * @param target  the audit trail's name for the event's resource
   * @param act     the work, given the actor of the event's account and region
   * @param refused the result for an account the suite does not act for, given the reason
   */
  public <R> R respond(boolean inScope, Where where, String target, AuditLog audit, Function<T, R> act,
      Function<String, R> refused, Unreached unreached) {
    if (!inScope) {
      return act.apply(actors.in(home.account(), home.region()));
    }
    String action = "organizations:DescribeAccount";
    T actor;
    try {
      Optional<String> outside = access.refusal(where.account());
      if (outside.isPresent()) {
        audit.decision("skip", target, outside.get());
        return refused.apply(outside.get());
      }
      action = "sts:AssumeRole";
      actor = actors.in(where.partition(), where.account(), where.region());
    } catch (SdkException e) {
      audit.failed(action, target, null, e);
      throw unreached.report(action, e);
    }
    return act.apply(actor);
  }
}
