package dev.responders.isolation;

import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.aws.EventAccounts;
import dev.responders.shared.aws.OrganizationAccess;
import dev.responders.shared.error.RemediationIncompleteException;
import dev.responders.shared.notify.Notifier;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Which isolator (or releaser) acts on an event's instance: the one of the event's account and region
 * ({@link EventAccounts}). An account that could not be checked or reached is told to the responders as a failed
 * isolation (or release) of the instance, and raised: nothing was changed.
 *
 * @param <T> an {@link InstanceIsolator} or an {@link InstanceReleaser}
 */
final class MemberInstances<T> {

  private final IsolationConfig config;
  private final EventAccounts<T> accounts;
  private final Notifier notifier;
  private final Steps.Failure failure;

  /**
   * @param home  the actor of the function's own account and region (built at init)
   * @param build the actor of another account or region, from that account's clients
   */
  MemberInstances(IsolationConfig config, TagIsolationHandler.Clients clients, T home,
      Function<TagIsolationHandler.Clients, T> build, String sessionName, Steps.Failure failure) {
    this.config = config;
    OrganizationAccess access = OrganizationAccess.create(config.deployment(), config.scope(), sessionName);
    this.accounts = new EventAccounts<>(access, access.clients(home,
        (region, credentials) -> build.apply(clients.in(region, credentials))), config.scope());
    this.notifier = clients.notifier();
    this.failure = failure;
  }

  /**
   * Acts on the event in its account and region, or answers why not.
   *
   * @param wanted  the trigger tag value this function acts on (isolate or release)
   * @param act     what the actor of the event's account and region does
   * @param refused the result for an account the suite does not act for
   */
  <R> R respond(TagChangeEvent event, String wanted, AuditLog audit, Function<T, R> act, Function<String, R> refused) {
    boolean inScope = event.outOfScopeReason(config, wanted).isEmpty();
    return accounts.respond(inScope, new EventAccounts.Where(event.resource().partition(), event.account(),
        event.region()), event.resourceArn(), audit, act, refused, (action, e) -> {
          notifier.notify(failure.handler(), failure.outcome().label(), failure.subjectPrefix() + event.instanceId()
              + ": account " + event.account() + " not reached", Map.of("instance_arn", event.resourceArn(),
              "failed_action", action, "error", String.valueOf(e.getMessage()), "completed", List.of()), audit);
          return new RemediationIncompleteException(action, event.resourceArn(), List.of(), e);
        });
  }
}
