package dev.responders.iamguard;

import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.aws.AccountClients;
import dev.responders.shared.aws.AccountScope;
import dev.responders.shared.aws.Arn;
import dev.responders.shared.aws.AwsClients;
import dev.responders.shared.aws.EventAccounts;
import dev.responders.shared.aws.OrganizationAccess;
import dev.responders.shared.error.RemediationIncompleteException;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Where a policy's versions are read and changed: in its own account. In single-account mode that is the
 * function's own account only; in organization mode any active account of the organization (checked with
 * {@code organizations:DescribeAccount} first), through its member role in a session named after the function
 * ({@link #GUARD_SESSION}, {@link #DECISION_SESSION}), which is how the guard knows its own calls there. IAM is
 * global: one client per account, in the function's region. The records stay in the function's own SSM.
 */
final class PolicyAccounts {

  /** The guard's session name in member accounts (templates/member.yaml reserves it for the guard's roles). */
  static final String GUARD_SESSION = PolicyGuard.HANDLER;
  /** The decision function's session name in member accounts (reserved the same way). */
  static final String DECISION_SESSION = PolicyGuard.HANDLER + "-decision";

  private final AccountScope home;
  private final EventAccounts<PolicyVersions> accounts;

  PolicyAccounts(AccountScope home, OrganizationAccess access, PolicyVersions homeVersions,
      VersionRecordStore records, Clock clock) {
    this.home = home;
    AccountClients<PolicyVersions> versions = access.clients(homeVersions, (region, credentials) ->
        new PolicyVersions(AwsClients.build(IamClient.builder(), region, credentials), records, clock));
    this.accounts = new EventAccounts<>(access, versions, home);
  }

  /**
   * Acts on {@code policyArn}'s versions in {@code account}, or answers why not; an organization that cannot be
   * asked or a member role that cannot be assumed raises {@link RemediationIncompleteException} (nothing changed:
   * Lambda, or the workflow's retry, tries again).
   */
  <R> R in(String account, String policyArn, AuditLog audit, Function<PolicyVersions, R> act,
      Function<String, R> refused) {
    String partition = Arn.parse(policyArn, "policy_arn").partition();
    return accounts.respond(true, new EventAccounts.Where(partition, account, home.region()), policyArn, audit, act,
        refused, (action, e) -> {
          audit.metric("AccountNotReached");
          return new RemediationIncompleteException(action, policyArn, List.of(), e);
        });
  }
}
