package dev.responders.shared.aws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * A handler's clients (one client, or what the handler builds from its clients) for each account and region it
 * acts in, built on first use and kept for the container's life: the function's own account and region gets the
 * ones built at init; another region of its own account its own credentials; another account the member role's
 * ({@link MemberSessions}).
 *
 * @param <C> what a handler acts through in one account and region
 */
public final class AccountClients<C> {

  /** Builds {@code C} for a region, with the given credentials or (null) the function's own. */
  @FunctionalInterface
  public interface Factory<C> {
    C build(Region region, AwsCredentialsProvider credentials);
  }

  private final AccountScope home;
  private final C homeClients;
  private final Factory<C> factory;
  private final MemberSessions sessions;
  private final String partition;
  private final Map<String, C> built = new ConcurrentHashMap<>();

  public AccountClients(AccountScope home, C homeClients, Factory<C> factory, MemberSessions sessions) {
    this.home = home;
    this.homeClients = homeClients;
    this.factory = factory;
    this.sessions = sessions;
    this.partition = MemberSessions.partitionOf(Region.of(home.region()));
  }

  /** What acts in {@code account}/{@code region}; assumes the member role there on first use (may throw). */
  public C in(String account, String region) {
    return in(partition, account, region);
  }

  /** The same, in another partition than the function's (a GovCloud finding reported to a commercial account). */
  public C in(String partition, String account, String region) {
    if (home.isHome(account, region)) {
      return homeClients;
    }
    if (sessions == null && !home.account().equals(account)) {
      throw new IllegalStateException("single-account mode: this function acts only in account " + home.account()
          + ", region " + home.region() + ", not " + account + "/" + region);
    }
    String key = partition + "/" + account + "/" + region;
    C known = built.get(key);
    if (known != null) {
      return known;
    }
    // Outside computeIfAbsent: assuming a role is a network call, and a failure must leave nothing behind.
    C fresh = factory.build(Region.of(region), home.account().equals(account) ? null
        : sessions.credentials(partition, account));
    C raced = built.putIfAbsent(key, fresh);
    return raced == null ? fresh : raced;
  }

  /** Whether {@code account} can be reached at all: its own, or any when a role is assumed in others. */
  public boolean reaches(String account) {
    return sessions != null || home.account().equals(account);
  }

  /** How many accounts and regions other than the function's own were reached in this container. */
  public int reached() {
    return built.size();
  }
}
