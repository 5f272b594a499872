package dev.responders.shared.aws;

import java.time.Clock;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The one place a handler learns where it may act and gets its clients there: in single-account mode its own
 * account and region only; in organization mode every active account of the organization
 * ({@link OrganizationMembership}), in any region, through the member role ({@link MemberSessions}).
 *
 * <pre>{@code
 * OrganizationAccess access = OrganizationAccess.create(config.deployment(), config.scope(), NAME);
 * AccountClients<Ec2Client> ec2 = access.clients(home, (region, credentials) ->
 *     AwsClients.build(Ec2Client.builder(), region, credentials));
 * Optional<String> refused = access.refusal(event.account());   // DescribeAccount, cached
 * Ec2Client there = ec2.in(event.account(), event.region());    // AssumeRole on first use, cached
 * }</pre>
 */
public final class OrganizationAccess {

  private final Deployment deployment;
  private final AccountScope home;
  private final MemberSessions sessions;
  private final OrganizationMembership membership;

  public OrganizationAccess(Deployment deployment, AccountScope home, MemberSessions sessions,
      OrganizationMembership membership) {
    this.deployment = deployment;
    this.home = home;
    this.sessions = sessions;
    this.membership = membership;
  }

  /**
   * Built at init with the suite's clients: Organizations (its partition's global endpoint) only in organization
   * mode; STS (the function's region) only when a role is ever assumed.
   */
  public static OrganizationAccess create(Deployment deployment, AccountScope home, String sessionName) {
    return create(deployment, home, sessionName, null);
  }

  /**
   * The same for a function that, in single-account mode too, acts in other accounts through a role of its own
   * ({@code singleAccountRole}, null for none: the AMI parameter updater's distribution targets, the playbooks'
   * member accounts). In organization mode the member role is used.
   */
  public static OrganizationAccess create(Deployment deployment, AccountScope home, String sessionName,
      String singleAccountRole) {
    String role = deployment.organization() ? deployment.memberRoleName() : singleAccountRole;
    MemberSessions sessions = role == null ? null
        : new MemberSessions(AwsClients.build(StsClient.builder()), home.account(), role, sessionName);
    OrganizationMembership membership = deployment.organization()
        ? new OrganizationMembership(AwsClients.build(OrganizationsClient.builder(), globalRegion(home), null),
            home.account(), Clock.systemUTC())
        : null;
    return new OrganizationAccess(deployment, home, sessions, membership);
  }

  /** Organizations is a global service: its one endpoint per partition. */
  private static Region globalRegion(AccountScope home) {
    return switch (MemberSessions.partitionOf(Region.of(home.region()))) {
      case "aws-us-gov" -> Region.AWS_US_GOV_GLOBAL;
      case "aws-cn" -> Region.AWS_CN_GLOBAL;
      default -> Region.AWS_GLOBAL;
    };
  }

  public Deployment deployment() {
    return deployment;
  }

  /**
   * Why the suite does not act for {@code account}, or empty: in organization mode, not an active member of the
   * organization (asked once per TTL); in single-account mode never (the event's scope check already said).
   */
  public Optional<String> refusal(String account) {
    return membership == null ? Optional.empty() : membership.outsideReason(account);
  }

  /** The handler's clients per account and region; in single-account mode only its own are ever asked for. */
  public <C> AccountClients<C> clients(C homeClients, AccountClients.Factory<C> factory) {
    return new AccountClients<>(home, homeClients, factory, sessions);
  }

  /** The role's sessions in other accounts; null when this function assumes none. */
  public MemberSessions sessions() {
    return sessions;
  }
}
