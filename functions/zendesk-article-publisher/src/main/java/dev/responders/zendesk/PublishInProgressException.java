package dev.responders.zendesk;

/**
 * Another delivery of the same ticket (the webhook and the partner event of one comment, say) holds the claim and
 * is creating the article now. Thrown so this delivery is retried later, when it will find the article.
 */
public final class PublishInProgressException extends RuntimeException {

  public PublishInProgressException(long ticketId, String owner) {
    super("ticket " + ticketId + " is being published by delivery " + owner + "; retry later");
  }
}
