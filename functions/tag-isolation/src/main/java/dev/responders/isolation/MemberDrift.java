package dev.responders.isolation;

import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.aws.EventAccounts;
import dev.responders.shared.aws.OrganizationAccess;
import dev.responders.shared.error.RemediationIncompleteException;
import dev.responders.shared.lambda.TimeBudget;
import dev.responders.shared.notify.Notifier;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which drift responder answers a call: the one of the call's account and region ({@link EventAccounts}): in
 * organization mode a member account's, through its member role in a session named
 * {@link TagIsolationDriftHandler#NAME}, once the account is found in the organization. A call that is no drift
 * (failed, the suite's own, unwatched) is answered without asking the organization. An account that could not be
 * checked or reached is told to the responders as a failed re-containment, and raised: nothing was changed.
 */
final class MemberDrift {

  private final DriftResponder home;
  private final EventAccounts<DriftResponder> accounts;
  private final Notifier notifier;

  MemberDrift(IsolationConfig config, Set<String> suiteRoleArns, TagIsolationHandler.Clients clients,
      DriftResponder home, Clock clock) {
    this.home = home;
    OrganizationAccess access = OrganizationAccess.create(config.deployment(), config.scope(),
        TagIsolationDriftHandler.NAME);
    this.accounts = new EventAccounts<>(access, access.clients(home, (region, credentials) -> {
      TagIsolationHandler.Clients there = clients.in(region, credentials);
      return new DriftResponder(config, suiteRoleArns, there.ec2(), there.isolator(config, clock),
          there.notifier());
    }), config.scope());
    this.notifier = clients.notifier();
  }

  DriftResult respond(ApiCallEvent call, AuditLog audit, TimeBudget budget) {
    boolean mayBeDrift = home.notDrift(call).isEmpty();
    return accounts.respond(mayBeDrift, new EventAccounts.Where(call.partition(), call.account(), call.region()),
        call.eventName(), audit, responder -> responder.respond(call, audit, budget),
        why -> DriftResult.skipped(call.eventName(), call.callerArn(), why), (action, e) -> {
          Steps.Failure failure = Steps.Failure.RECONTAINMENT;
          notifier.notify(failure.handler(), failure.outcome().label(), "Re-containment FAILED after "
              + call.eventName() + ": account " + call.account() + " not reached", Map.of("event_name",
              call.eventName(), "account", call.account(), "region", call.region(), "failed_action", action,
              "error", String.valueOf(e.getMessage()), "completed", List.of()), audit);
          return new RemediationIncompleteException(action, call.eventName() + " in " + call.account() + "/"
              + call.region(), List.of(), e);
        });
  }
}
