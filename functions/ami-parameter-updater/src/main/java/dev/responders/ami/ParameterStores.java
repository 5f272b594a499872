package dev.responders.ami;

import dev.responders.shared.aws.AccountClients;
import dev.responders.shared.aws.AccountScope;
import dev.responders.shared.aws.AwsClients;
import dev.responders.shared.aws.OrganizationAccess;
import java.util.Optional;
import software.amazon.awssdk.services.imagebuilder.ImagebuilderClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The SSM Parameter Store (and Image Builder) of each account and region an image reached: the function's own
 * account with its own credentials; another account through a role assumed there ({@code TargetAccountRoleName} in
 * single-account mode, the member role in organization mode, where the account must also be an active member of
 * the organization); none when no role is set. Clients are kept per container ({@link AccountClients}).
 */
public final class ParameterStores {

  static final String SESSION_NAME = "ami-parameter-updater";

  private final OrganizationAccess access;
  private final AccountClients<SsmClient> stores;
  private final AccountClients<ImageBuilderImages> images;
  private final String functionAccountId;

  public ParameterStores(OrganizationAccess access, AccountClients<SsmClient> stores,
      AccountClients<ImageBuilderImages> images, String functionAccountId) {
    this.access = access;
    this.stores = stores;
    this.images = images;
    this.functionAccountId = functionAccountId;
  }

  /** The suite's clients ({@code AwsClients}); those of other accounts and regions built on first use. */
  public static ParameterStores create(AmiParameterConfig config) {
    AccountScope home = new AccountScope(config.functionAccountId(), AwsClients.region().id(),
        config.deployment().mode());
    OrganizationAccess access = OrganizationAccess.create(config.deployment(), home, SESSION_NAME,
        config.targetAccountRole());
    return new ParameterStores(access,
        access.clients(AwsClients.build(SsmClient.builder()),
            (region, credentials) -> AwsClients.build(SsmClient.builder(), region, credentials)),
        access.clients(new ImageBuilderImages(AwsClients.build(ImagebuilderClient.builder())),
            (region, credentials) -> new ImageBuilderImages(AwsClients.build(ImagebuilderClient.builder(), region,
                credentials))),
        config.functionAccountId());
  }

  /** The account the function runs in. */
  public String functionAccountId() {
    return functionAccountId;
  }

  /**
   * Why this function does not publish the images of {@code account}, or empty: in single-account mode, any
   * account but its own; in organization mode, an account that is not an active member (DescribeAccount).
   */
  public Optional<String> imageOutOfScope(String account) {
    if (!access.deployment().organization()) {
      return functionAccountId.equals(account) ? Optional.empty() : Optional.of("image belongs to account "
          + account + "; this function publishes the images of account " + functionAccountId);
    }
    return access.refusal(account);
  }

  /** Why the parameter of {@code target} is not written, or empty; an account outside the organization is refused. */
  public Optional<String> targetOutOfScope(Target target) {
    if (!stores.reaches(target.accountId())) {
      return Optional.of("AMI " + target.ami().imageId() + " is in account " + target.accountId() + ", not "
          + functionAccountId + ", and TargetAccountRoleName is not set: its parameter is not written");
    }
    return access.refusal(target.accountId()).map(why -> "AMI " + target.ami().imageId() + ": " + why);
  }

  /** Where {@code target}'s parameter is written (assumes the role on first use in an account; may throw). */
  public SsmClient of(Target target) {
    return stores.in(target.partition(), target.accountId(), target.region());
  }

  /** Image Builder of the image's account and region. */
  public ImageBuilderImages imagesOf(ImageArn image) {
    return images.in(image.partition(), image.account(), image.region());
  }
}
