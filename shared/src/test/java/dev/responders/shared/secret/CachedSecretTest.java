package dev.responders.shared.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachedSecretTest {

  private static final class MovableClock extends Clock {
    private Instant now = Instant.parse("2026-12-02T10:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void theSecretIsReadOnceThenAgainAfterTheRefreshTimeOrWhenForgotten() {
    MovableClock clock = new MovableClock();
    AtomicInteger reads = new AtomicInteger();
    CachedSecret<String> secret = new CachedSecret<>(() -> "token-" + reads.incrementAndGet(), clock);

    assertThat(secret.get()).isEqualTo("token-1");
    clock.now = clock.now.plus(CachedSecret.REFRESH_AFTER);
    assertThat(secret.get()).isEqualTo("token-1");
    clock.now = clock.now.plusSeconds(1);
    assertThat(secret.get()).isEqualTo("token-2");
    secret.forget();
    assertThat(secret.get()).isEqualTo("token-3");
    assertThat(reads).hasValue(3);
  }
}
