package dev.responders.zendesk;

import dev.responders.shared.secret.CachedSecret;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * The Zendesk secret, read on first use and kept for {@link CachedSecret#REFRESH_AFTER}. Throttling and 5xx from
 * Secrets Manager are retried by the SDK's standard retry strategy.
 */
public final class CredentialsSource {

  private final String secretName;
  private final CachedSecret<ZendeskCredentials> secret;

  public CredentialsSource(SecretsManagerClient secrets, String secretName, Clock clock) {
    this.secretName = secretName;
    this.secret = new CachedSecret<>(() -> read(secrets, secretName), clock);
  }

  public ZendeskCredentials get() {
    return secret.get();
  }

  public String secretName() {
    return secretName;
  }

  /** Forgets the cached secret (after Zendesk refused the token, a rotation may have happened). */
  public void forget() {
    secret.forget();
  }

  private static ZendeskCredentials read(SecretsManagerClient secrets, String secretName) {
    GetSecretValueResponse response = secrets.getSecretValue(r -> r.secretId(secretName));
    if (response.secretString() == null) {
      throw new ZendeskSecretException(secretName, List.of("holds binary data, not a JSON string"));
    }
    return ZendeskCredentials.parse(secretName, response.secretString());
  }
}
