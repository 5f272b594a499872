package dev.responders.securityhub;

import dev.responders.securityhub.playbook.ServiceClients;
import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.aws.AccountClients;
import dev.responders.shared.aws.AccountScope;
import dev.responders.shared.aws.OrganizationAccess;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;

/**
 * Where the playbooks of a finding act: the function's own account and region with the clients built at init;
 * another region of its own account with its own credentials; a member account through {@code MemberRoleName}
 * assumed there, in the resource's region and partition. Those are built on first use and kept for the container
 * ({@link AccountClients}, sessions renewed before expiry); in organization mode a finding's account must first be an
 * active member of the organization. {@link #open()} starts one invocation's view of them.
 */
public final class MemberAccounts {

  /** Builds the clients of a region, with other credentials unless null. */
  @FunctionalInterface
  public interface ClientFactory {
    ServiceClients build(Region region, AwsCredentialsProvider credentials);
  }

  static final String SESSION_NAME = SecurityHubPlaybooksHandler.NAME;

  private final AccountScope home;
  private final PlaybookCatalog homeCatalog;
  private final OrganizationAccess access;
  private final AccountClients<PlaybookCatalog> catalogs;

  public MemberAccounts(AccountScope home, PlaybookCatalog homeCatalog, Function<ServiceClients, PlaybookCatalog> catalogOf,
      ClientFactory factory, OrganizationAccess access) {
    this.home = home;
    this.homeCatalog = homeCatalog;
    this.access = access;
    this.catalogs = access.clients(homeCatalog, (region, credentials) -> catalogOf.apply(factory.build(region,
        credentials)));
  }

  /** The playbooks of the function's own account and region: which controls and actions exist at all. */
  PlaybookCatalog home() {
    return homeCatalog;
  }

  Sessions open() {
    return new Sessions();
  }

  /** Why the suite does not act for {@code account} (organization mode: not an active member), or empty. */
  Optional<String> outsideOrganization(String account) {
    return access.refusal(account);
  }

  /** The role's ARN in {@code account}, in {@code partition}. */
  String roleArn(String partition, String account) {
    return access.sessions().roleArn(partition, account);
  }

  /**
   * One invocation's accounts and regions; a role that could not be assumed is asked for once per invocation (the
   * next invocation asks again: the role may have been deployed since).
   */
  final class Sessions {

    private final Set<String> opened = new HashSet<>();
    private final Map<String, String> refused = new HashMap<>();

    /** The playbooks of {@code account} in {@code resource}'s region; a role that cannot be assumed says why. */
    PlaybookCatalog catalogFor(String account, FindingResource resource, String findingId, AuditLog audit) {
      String region = resource.region();
      if (home.isHome(account, region)) {
        return homeCatalog;
      }
      String key = resource.partition() + "/" + account + "/" + region;
      if (refused.containsKey(key)) {
        throw new RoleNotAssumedException(refused.get(key));
      }
      int reached = catalogs.reached();
      PlaybookCatalog catalog;
      try {
        catalog = catalogs.in(resource.partition(), account, region);
      } catch (AwsServiceException e) {
        // Denied, no such role, region disabled: a retry meets the same answer. Throttling and 5xx are retried.
        if (e.statusCode() >= 400 && e.statusCode() < 500 && !e.isThrottlingException()) {
          String why = "cannot assume " + roleArn(resource.partition(), account) + ": " + FindingRemediator.describe(e);
          audit.decision("role-not-assumed", roleArn(resource.partition(), account), why);
          refused.put(key, why);
          throw new RoleNotAssumedException(why);
        }
        throw e;
      }
      if (catalogs.reached() > reached && !home.account().equals(account)) {
        audit.decision("assume-role", roleArn(resource.partition(), account), "session " + SESSION_NAME + " for "
            + region + ", kept for the container, for finding " + findingId);
      }
      opened.add(key);
      return catalog;
    }

    /** How many accounts and regions other than the function's own this invocation acted in. */
    int opened() {
      return opened.size();
    }
  }
}
