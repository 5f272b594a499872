package dev.responders.shared.aws;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The member role's credentials in each account, {@code arn:<partition>:iam::<account>:role/<MemberRoleName>},
 * kept per container. Each account's provider is an {@link StsAssumeRoleCredentialsProvider}: sessions of
 * {@link #SESSION} (the shortest STS grants, so a leaked one is short-lived), renewed on the calling thread once
 * fewer than {@link #PREFETCH} are left and before any call uses one with less than {@link #STALE} left. No
 * background refresh thread: a frozen Lambda container would only wake it late.
 *
 * <p>The first session of an account is asked for when the account is first reached, so a denied or missing role
 * is an {@code StsException} there (nothing is kept: the next event asks again), not an error inside the first call.
 */
public final class MemberSessions {

  static final Duration SESSION = Duration.ofMinutes(15);
  static final Duration PREFETCH = Duration.ofMinutes(5);
  static final Duration STALE = Duration.ofMinutes(1);
  private static final int MAX_SESSION_NAME = 64;

  private final StsClient sts;
  private final String homeAccount;
  private final String roleName;
  private final String sessionName;
  private final Map<String, StsAssumeRoleCredentialsProvider> providers = new ConcurrentHashMap<>();

  /** @param sessionName the role session name, e.g. the function's name: it shows in the member's CloudTrail */
  public MemberSessions(StsClient sts, String homeAccount, String roleName, String sessionName) {
    this.sts = sts;
    this.homeAccount = homeAccount;
    this.roleName = roleName;
    this.sessionName = sessionName.length() <= MAX_SESSION_NAME ? sessionName
        : sessionName.substring(0, MAX_SESSION_NAME);
  }

  /** The partition of a region ({@code aws}, {@code aws-us-gov}, {@code aws-cn}): where the function's role lives. */
  public static String partitionOf(Region region) {
    return region.metadata() == null ? "aws" : region.metadata().partition().id();
  }

  /** The member role's ARN in {@code account}. */
  public String roleArn(String partition, String account) {
    return "arn:" + partition + ":iam::" + account + ":role/" + roleName;
  }

  /** The credentials to act in {@code account} with: null for the function's own (its own credentials). */
  public AwsCredentialsProvider credentials(String partition, String account) {
    if (homeAccount.equals(account)) {
      return null;
    }
    String key = partition + "/" + account;
    StsAssumeRoleCredentialsProvider known = providers.get(key);
    if (known != null) {
      return known;
    }
    StsAssumeRoleCredentialsProvider provider = assume(roleArn(partition, account));
    provider.resolveCredentials();
    StsAssumeRoleCredentialsProvider raced = providers.putIfAbsent(key, provider);
    return raced == null ? provider : raced;
  }

  private StsAssumeRoleCredentialsProvider assume(String roleArn) {
    return StsAssumeRoleCredentialsProvider.builder()
        .stsClient(sts)
        .refreshRequest(r -> r.roleArn(roleArn).roleSessionName(sessionName)
            .durationSeconds((int) SESSION.toSeconds()))
        .prefetchTime(PREFETCH)
        .staleTime(STALE)
        .asyncCredentialUpdateEnabled(false)
        .build();
  }
}
