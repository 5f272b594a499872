package dev.responders.shared.aws;

import java.util.Optional;

/**
 * The account and region a function acts in. In single-account mode an event, or a resource it names, from
 * another account or region is not this function's to act on: acting on the local resource with the same id
 * would contain the wrong instance. In organization mode an event of any account and region is (its account is
 * then checked against the organization, {@link OrganizationMembership}), but the resource must still be the
 * event's own: an event of account B naming a resource of account C is forged or broken.
 *
 * @param account the function's account id ({@code RESPONDERS_ACCOUNT_ID}, set from {@code AWS::AccountId})
 * @param region  the function's region ({@code AWS_REGION})
 * @param mode    single-account or organization ({@code DEPLOYMENT_MODE})
 */
public record AccountScope(String account, String region, DeploymentMode mode) {

  /** A single-account scope. */
  public AccountScope(String account, String region) {
    this(account, region, DeploymentMode.SINGLE_ACCOUNT);
  }

  /** Why an event of {@code eventAccount}/{@code eventRegion} about {@code resource} is not ours, or empty. */
  public Optional<String> outsideReason(String eventAccount, String eventRegion, Arn resource) {
    if (mode == DeploymentMode.ORGANIZATION) {
      return foreignResource(eventAccount, eventRegion, resource, "the event is of");
    }
    if (!account.equals(eventAccount)) {
      return Optional.of("event is from account " + eventAccount + ", this function acts in account " + account);
    }
    if (!region.equals(eventRegion)) {
      return Optional.of("event is from region " + eventRegion + ", this function acts in region " + region);
    }
    return foreignResource(account, region, resource, "this function acts in");
  }

  /** Whether this is the function's own account and region (its own credentials and clients built at init). */
  public boolean isHome(String otherAccount, String otherRegion) {
    return account.equals(otherAccount) && region.equals(otherRegion);
  }

  private static Optional<String> foreignResource(String account, String region, Arn resource, String whose) {
    if (resource != null && !resource.account().isEmpty() && !account.equals(resource.account())) {
      return Optional.of("resource is in account " + resource.account() + ", " + whose + " account " + account);
    }
    if (resource != null && !resource.region().isEmpty() && !region.equals(resource.region())) {
      return Optional.of("resource is in region " + resource.region() + ", " + whose + " region " + region);
    }
    return Optional.empty();
  }
}
