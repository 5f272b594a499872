package dev.responders.shared.aws;

import java.util.Optional;

/**
 * The account and region a function acts in. An event, or a resource it names, from another account or region
 * is not this function's to act on: acting on the local resource with the same id would contain the wrong
 * instance.
 *
 * @param account the function's account id ({@code RESPONDERS_ACCOUNT_ID}, set from {@code AWS::AccountId})
 * @param region  the function's region ({@code AWS_REGION})
 */
public record AccountScope(String account, String region) {

  /** Why an event of {@code eventAccount}/{@code eventRegion} about {@code resource} is not ours, or empty. */
  public Optional<String> outsideReason(String eventAccount, String eventRegion, Arn resource) {
    if (!account.equals(eventAccount)) {
      return Optional.of("event is from account " + eventAccount + ", this function acts in account " + account);
    }
    if (!region.equals(eventRegion)) {
      return Optional.of("event is from region " + eventRegion + ", this function acts in region " + region);
    }
    if (resource != null && !resource.account().isEmpty() && !account.equals(resource.account())) {
      return Optional.of("resource is in account " + resource.account() + ", this function acts in account " + account);
    }
    if (resource != null && !resource.region().isEmpty() && !region.equals(resource.region())) {
      return Optional.of("resource is in region " + resource.region() + ", this function acts in region " + region);
    }
    return Optional.empty();
  }
}
