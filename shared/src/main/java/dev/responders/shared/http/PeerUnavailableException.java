package dev.responders.shared.http;

import java.time.Duration;
import java.util.Optional;

/**
 * A SaaS peer did not answer usefully within the retries one invocation can afford: 5xx, timeouts, a rate limit
 * longer than it can wait, or a body that is not JSON. Transient; each handler maps it to its own failure.
 */
public final class PeerUnavailableException extends RuntimeException {

  private final transient Duration retryAfter;

  public PeerUnavailableException(String message, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.retryAfter = retryAfter;
  }

  /** How long the peer asked us to wait (429 with {@code Retry-After}); empty when it said nothing. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
