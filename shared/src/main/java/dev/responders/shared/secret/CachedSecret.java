package dev.responders.shared.secret;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A secret read on first use and kept for {@link #REFRESH_AFTER}: a container does not call Secrets Manager for every
 * event, yet picks up a rotated token within that time. {@code read} makes the Secrets Manager call and parses the
 * value (the module holds the client, so a function without secrets carries no Secrets Manager SDK).
 */
public final class CachedSecret<T> {

  public static final Duration REFRESH_AFTER = Duration.ofMinutes(15);

  private final Supplier<T> read;
  private final Clock clock;
  private T cached;
  private Instant readAt;

  public CachedSecret(Supplier<T> read, Clock clock) {
    this.read = read;
    this.clock = clock;
  }

  public synchronized T get() {
    Instant now = clock.instant();
    if (cached == null || readAt.plus(REFRESH_AFTER).isBefore(now)) {
      cached = read.get();
      readAt = now;
    }
    return cached;
  }

  /** Forgets the value: after the peer refused the token, a rotation may have happened. */
  public synchronized void forget() {
    cached = null;
  }
}
