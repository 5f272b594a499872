package dev.responders.zendesk;

import java.time.Duration;
import java.time.Instant;

/**
 * The one-article-per-ticket record kept in SSM ({@code <prefix>/<ticket-id>}).
 *
 * @param state     {@link State#CREATING} while one delivery (the {@code owner}) is making the article,
 *                  {@link State#PUBLISHED} once it exists, {@link State#FAILED} when the maker gave up half-way
 * @param owner     the attempt that claimed the ticket: its event id and a random suffix
 * @param since     when the state was written
 * @param articleId the article, once created
 * @param notified  whether the responders were told about the article; false while that notification is owed
 */
public record ArticleRecord(long ticketId, State state, String owner, Instant since, Long articleId,
    String articleUrl, boolean notified) {

  /**
   * How long a claim holds off other deliveries: longer than one invocation can run (template Timeout 120 s),
   * short enough that Lambda's second retry (about three minutes after the first attempt) can take over a dead one.
   */
  static final Duration CLAIM_LEASE = Duration.ofMinutes(3);

  public enum State { CREATING, PUBLISHED, FAILED }

  static ArticleRecord creating(long ticketId, String owner, Instant now) {
    return new ArticleRecord(ticketId, State.CREATING, owner, now, null, null, false);
  }

  static ArticleRecord published(long ticketId, String owner, Instant now, ZendeskModel.Article article,
      boolean notified) {
    return new ArticleRecord(ticketId, State.PUBLISHED, owner, now, article.id(), article.htmlUrl(), notified);
  }

  ArticleRecord failed(Instant now) {
    return new ArticleRecord(ticketId, State.FAILED, owner, now, null, null, false);
  }

  ArticleRecord notifiedNow() {
    return new ArticleRecord(ticketId, state, owner, since, articleId, articleUrl, true);
  }

  /**
   * Whether another attempt is making the article right now, so this one must not. Every attempt claims under an
   * owner of its own (a redelivery, a Lambda retry and a Zendesk retry of one webhook included): an attempt that
   * is still running when its event is delivered again must never be taken over.
   */
  boolean claimedWithinLease(Instant now) {
    return state == State.CREATING && since.plus(CLAIM_LEASE).isAfter(now);
  }
}
