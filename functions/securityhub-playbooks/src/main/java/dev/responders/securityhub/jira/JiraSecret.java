package dev.responders.securityhub.jira;

import dev.responders.securityhub.playbook.HandoverRefusedException;
import dev.responders.shared.secret.CachedSecret;
import java.time.Clock;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * The Jira secret, read on first use and kept for {@link CachedSecret#REFRESH_AFTER}. A missing or binary secret is
 * refused (a retry cannot fix it); throttling and 5xx are the SDK's to retry.
 */
public final class JiraSecret {

  private final CachedSecret<JiraCredentials> secret;

  public JiraSecret(SecretsManagerClient secrets, String secretName, Clock clock) {
    this.secret = new CachedSecret<>(() -> read(secrets, secretName), clock);
  }

  public JiraCredentials get() {
    return secret.get();
  }

  /** Forgets the cached secret: after Jira refused the token, a rotation may have happened. */
  public void forget() {
    secret.forget();
  }

  private static JiraCredentials read(SecretsManagerClient secrets, String secretName) {
    GetSecretValueResponse response;
    try {
      response = secrets.getSecretValue(r -> r.secretId(secretName));
    } catch (ResourceNotFoundException e) {
      throw new HandoverRefusedException("Jira secret " + secretName + " does not exist (see README, Jira set-up)");
    }
    if (response.secretString() == null) {
      throw new HandoverRefusedException("Jira secret " + secretName + " holds binary data, not a JSON string");
    }
    return JiraCredentials.parse(secretName, response.secretString());
  }
}
