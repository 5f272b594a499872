package dev.responders.shared.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.AccountNotFoundException;
import software.amazon.awssdk.services.organizations.model.AccountStatus;

/**
 * Whether an account is an active member of the organization, asked with {@code organizations:DescribeAccount}
 * (the suite runs in the management or a delegated administrator account), so an event claiming an account outside
 * it cannot make the suite act. The function's own account is a member without a call.
 *
 * <p>Answers are kept per container: a member for {@link #MEMBER_TTL} (an account leaving the organization is
 * noticed within it), a non-member for {@link #OUTSIDER_TTL} (a flood of forged events costs one call a minute per
 * claimed account, well under Organizations' request rate, and a newly invited account is acted for a minute later).
 * An error (throttled after retries, denied) is not kept: it is raised, so the event fails and is retried.
 */
public final class OrganizationMembership {

  static final Duration MEMBER_TTL = Duration.ofMinutes(5);
  static final Duration OUTSIDER_TTL = Duration.ofMinutes(1);

  private record Answer(Optional<String> outsideReason, Instant expires) {
  }

  private final OrganizationsClient organizations;
  private final String homeAccount;
  private final Clock clock;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();

  public OrganizationMembership(OrganizationsClient organizations, String homeAccount, Clock clock) {
    this.organizations = organizations;
    this.homeAccount = homeAccount;
    this.clock = clock;
  }

  /** Why {@code account} is not an active member of the organization, or empty when it is. */
  public Optional<String> outsideReason(String account) {
    if (homeAccount.equals(account)) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Answer known = answers.get(account);
    if (known != null && now.isBefore(known.expires())) {
      return known.outsideReason();
    }
    Optional<String> reason = ask(account);
    answers.put(account, new Answer(reason, now.plus(reason.isEmpty() ? MEMBER_TTL : OUTSIDER_TTL)));
    return reason;
  }

  private Optional<String> ask(String account) {
    try {
      Account described = organizations.describeAccount(r -> r.accountId(account)).account();
      if (described.status() != AccountStatus.ACTIVE) {
        return Optional.of("account " + account + " is " + described.statusAsString()
            + " in the organization, not ACTIVE: the suite acts only for active member accounts");
      }
      return Optional.empty();
    } catch (AccountNotFoundException e) {
      return Optional.of("account " + account + " is not in the organization (organizations:DescribeAccount: "
          + "AccountNotFoundException): the suite acts only for its member accounts");
    }
  }
}
