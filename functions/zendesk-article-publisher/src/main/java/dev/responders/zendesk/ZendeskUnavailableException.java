package dev.responders.zendesk;

import java.time.Duration;

/**
 * Zendesk did not answer usefully after the retries one invocation can afford (5xx, timeouts, or a rate limit
 * longer than it can wait). Transient: the invocation fails so that it is retried later.
 */
public final class ZendeskUnavailableException extends RuntimeException {

  private final Duration retryAfter;

  public ZendeskUnavailableException(String message, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.retryAfter = retryAfter;
  }

  /** How long Zendesk asked us to wait, or a default for failures that said nothing. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
