package dev.responders.zendesk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * Reads the Zendesk secret from Secrets Manager on first use and keeps it for a while, so a container does not call
 * Secrets Manager on every event yet picks up a rotated token within {@link #REFRESH_AFTER}.
 * Throttling and 5xx from Secrets Manager are retried by the SDK's standard retry strategy.
 */
public final class CredentialsSource {

  static final Duration REFRESH_AFTER = Duration.ofMinutes(15);

  private final SecretsManagerClient secrets;
  private final String secretName;
  private final Clock clock;
  private ZendeskCredentials cached;
  private Instant readAt;

  public CredentialsSource(SecretsManagerClient secrets, String secretName, Clock clock) {
    this.secrets = secrets;
    this.secretName = secretName;
    this.clock = clock;
  }

  public synchronized ZendeskCredentials get() {
    Instant now = clock.instant();
    if (cached == null || readAt.plus(REFRESH_AFTER).isBefore(now)) {
      GetSecretValueResponse response = secrets.getSecretValue(r -> r.secretId(secretName));
      if (response.secretString() == null) {
        throw new ZendeskSecretException(secretName, List.of("holds binary data, not a JSON string"));
      }
      cached = ZendeskCredentials.parse(secretName, response.secretString());
      readAt = now;
    }
    return cached;
  }

  public String secretName() {
    return secretName;
  }

  /** Forgets the cached secret (after Zendesk refused the token, a rotation may have happened). */
  public synchronized void forget() {
    cached = null;
  }
}
