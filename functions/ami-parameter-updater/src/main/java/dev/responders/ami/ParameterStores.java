package dev.responders.ami;

import dev.responders.shared.aws.AwsClients;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.SsmClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The SSM Parameter Store of each account and region an image reached: the function's own account with its own
 * credentials, another account through {@code TargetAccountRoleName} assumed there, or none when no role is set.
 * Clients are built on first use and kept for the container's life; assumed-role credentials refresh themselves.
 */
public final class ParameterStores {

  /** Builds an SSM client for a region, with the given credentials or (null) the function's own. */
  @FunctionalInterface
  public interface SsmFactory {
    SsmClient build(Region region, AwsCredentialsProvider credentials);
  }

  static final String SESSION_NAME = "ami-parameter-updater";

  private final SsmFactory factory;
  private final StsClient sts;
  private final String functionAccountId;
  private final String roleName;
  private final Map<String, SsmClient> clients = new ConcurrentHashMap<>();

  public ParameterStores(SsmFactory factory, StsClient sts, String functionAccountId, String roleName) {
    this.factory = factory;
    this.sts = sts;
    this.functionAccountId = functionAccountId;
    this.roleName = roleName;
  }

  /**
   * The suite's way of building clients ({@code AwsClients}: shared HTTP client, retries, timeouts, endpoint from
   * the environment). The function's own region's client is the one {@code AwsClients} builds; for another region
   * or account the same builder, already configured by {@code AwsClients}, is built again with that region and
   * credentials (built on first use: most images reach only a few regions).
   */
  public static ParameterStores create(AmiParameterConfig config) {
    SsmClientBuilder own = SsmClient.builder();
    SsmClient home = AwsClients.build(own);
    SsmClientBuilder[] assumed = new SsmClientBuilder[1];
    SsmFactory factory = (region, credentials) -> {
      synchronized (ParameterStores.class) {
        if (credentials == null) {
          return region.equals(AwsClients.region()) ? home : own.region(region).build();
        }
        if (assumed[0] == null) {
          // Configured by AwsClients once; the client it returns (home region) is not needed. Not closed: closing
          // would close the credentials provider it was given, which later clients share.
          assumed[0] = SsmClient.builder().credentialsProvider(credentials);
          AwsClients.build(assumed[0]);
        }
        return assumed[0].region(region).credentialsProvider(credentials).build();
      }
    };
    StsClient sts = config.targetAccountRole() == null ? null : AwsClients.build(StsClient.builder());
    return new ParameterStores(factory, sts, config.functionAccountId(), config.targetAccountRole());
  }

  /** The account the function runs in. */
  public String functionAccountId() {
    return functionAccountId;
  }

  /** The role assumed in other accounts, if one is configured. */
  public Optional<String> roleName() {
    return Optional.ofNullable(roleName);
  }

  /** Where {@code target}'s parameter can be written, or empty when it is in another account and no role is set. */
  public Optional<SsmClient> of(Target target) {
    boolean own = target.accountId().equals(functionAccountId);
    if (!own && (roleName == null || sts == null)) {
      return Optional.empty();
    }
    String key = target.accountId() + "/" + target.region();
    return Optional.of(clients.computeIfAbsent(key, k -> factory.build(Region.of(target.region()),
        own ? null : assumeRole(target))));
  }

  /** The role's ARN in the target's account. */
  public String roleArn(Target target) {
    return "arn:" + target.partition() + ":iam::" + target.accountId() + ":role/" + roleName;
  }

  private AwsCredentialsProvider assumeRole(Target target) {
    String arn = roleArn(target);
    return StsAssumeRoleCredentialsProvider.builder()
        .stsClient(sts)
        .refreshRequest(r -> r.roleArn(arn).roleSessionName(SESSION_NAME))
        .build();
  }
}
