package dev.responders.securityhub;

import dev.responders.securityhub.playbook.ServiceClients;
import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.aws.AccountScope;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Where the playbooks of a finding act: the function's own account and region with the clients built at init;
 * another region of its own account with its own credentials; a member account through {@code MemberRoleName}
 * assumed there, in the resource's region and partition. {@link #open()} starts one invocation's sessions.
 */
public final class MemberAccounts {

  /** Builds the clients of a region, with other credentials unless null. */
  @FunctionalInterface
  public interface ClientFactory {
    ServiceClients build(Region region, AwsCredentialsProvider credentials);
  }

  static final int SESSION_SECONDS = 900;
  private static final int MAX_SESSION_NAME = 64;

  private final AccountScope home;
  private final PlaybookCatalog homeCatalog;
  private final Function<ServiceClients, PlaybookCatalog> catalogOf;
  private final ClientFactory factory;
  private final StsClient sts;
  private final String roleName;

  public MemberAccounts(AccountScope home, PlaybookCatalog homeCatalog, Function<ServiceClients, PlaybookCatalog> catalogOf,
      ClientFactory factory, StsClient sts, String roleName) {
    this.home = home;
    this.homeCatalog = homeCatalog;
    this.catalogOf = catalogOf;
    this.factory = factory;
    this.sts = sts;
    this.roleName = roleName;
  }

  /** The playbooks of the function's own account and region: which controls and actions exist at all. */
  PlaybookCatalog home() {
    return homeCatalog;
  }

  Sessions open() {
    return new Sessions();
  }

  /** The role's ARN in {@code account}, in {@code partition}. */
  String roleArn(String partition, String account) {
    return "arn:" + partition + ":iam::" + account + ":role/" + roleName;
  }

  /** A session name naming the finding (the part of its id after the last '/', within STS's 64 characters). */
  static String sessionName(String findingId) {
    String tail = findingId.substring(findingId.lastIndexOf('/') + 1).replaceAll("[^\\w+=,.@-]", "-");
    String name = "securityhub-playbooks-" + tail;
    return name.length() <= MAX_SESSION_NAME ? name : name.substring(0, MAX_SESSION_NAME);
  }

  /**
   * One invocation's accounts and regions: each built on first use and kept until {@link #close()} (assumed
   * credentials never outlive the invocation); a role that could not be assumed is asked for once per invocation.
   */
  final class Sessions implements AutoCloseable {

    private final Map<String, ServiceClients> clients = new HashMap<>();
    private final Map<String, PlaybookCatalog> catalogs = new HashMap<>();
    private final Map<String, String> refused = new HashMap<>();

    /** The playbooks of {@code account} in {@code resource}'s region; a role that cannot be assumed says why. */
    PlaybookCatalog catalogFor(String account, FindingResource resource, String findingId, AuditLog audit) {
      String region = resource.region();
      if (home.account().equals(account) && home.region().equals(region)) {
        return homeCatalog;
      }
      String key = resource.partition() + "/" + account + "/" + region;
      if (refused.containsKey(key)) {
        throw new RoleNotAssumedException(refused.get(key));
      }
      PlaybookCatalog catalog = catalogs.get(key);
      if (catalog == null) {
        AwsCredentialsProvider credentials = home.account().equals(account) ? null
            : assume(key, resource.partition(), account, findingId, audit);
        ServiceClients built = factory.build(Region.of(region), credentials);
        clients.put(key, built);
        catalog = catalogOf.apply(built);
        catalogs.put(key, catalog);
      }
      return catalog;
    }

    private AwsCredentialsProvider assume(String key, String partition, String account, String findingId,
        AuditLog audit) {
      String roleArn = roleArn(partition, account);
      String session = sessionName(findingId);
      Credentials credentials;
      try {
        credentials = sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName(session)
            .durationSeconds(SESSION_SECONDS)).credentials();
      } catch (AwsServiceException e) {
        // Denied, no such role, region disabled: a retry meets the same answer. Throttling and 5xx are retried.
        if (e.statusCode() >= 400 && e.statusCode() < 500 && !e.isThrottlingException()) {
          String why = "cannot assume " + roleArn + ": " + FindingRemediator.describe(e);
          audit.decision("role-not-assumed", roleArn, why);
          refused.put(key, why);
          throw new RoleNotAssumedException(why);
        }
        throw e;
      }
      audit.decision("assume-role", roleArn, "session " + session);
      return StaticCredentialsProvider.create(AwsSessionCredentials.create(credentials.accessKeyId(),
          credentials.secretAccessKey(), credentials.sessionToken()));
    }

    /** How many accounts and regions other than the function's own were opened. */
    int opened() {
      return clients.size();
    }

    @Override
    public void close() {
      clients.values().forEach(ServiceClients::close);
    }
  }
}
