package dev.responders.securityhub.jira;

import dev.responders.securityhub.playbook.HandoverRefusedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Reads the Jira secret on first use and keeps it for a while: a container does not call Secrets Manager for every
 * finding, yet picks up a rotated token within {@link #REFRESH_AFTER}. Throttling and 5xx are the SDK's to retry.
 */
public final class JiraSecret {

  static final Duration REFRESH_AFTER = Duration.ofMinutes(15);

  private final SecretsManagerClient secrets;
  private final String secretName;
  private final Clock clock;
  private JiraCredentials cached;
  private Instant readAt;

  public JiraSecret(SecretsManagerClient secrets, String secretName, Clock clock) {
    this.secrets = secrets;
    this.secretName = secretName;
    this.clock = clock;
  }

  public synchronized JiraCredentials get() {
    Instant now = clock.instant();
    if (cached == null || readAt.plus(REFRESH_AFTER).isBefore(now)) {
      GetSecretValueResponse response;
      try {
        response = secrets.getSecretValue(r -> r.secretId(secretName));
      } catch (ResourceNotFoundException e) {
        throw new HandoverRefusedException("Jira secret " + secretName + " does not exist (see README, Jira set-up)");
      }
      if (response.secretString() == null) {
        throw new HandoverRefusedException("Jira secret " + secretName + " holds binary data, not a JSON string");
      }
      cached = JiraCredentials.parse(secretName, response.secretString());
      readAt = now;
    }
    return cached;
  }

  /** Forgets the cached secret: after Jira refused the token, a rotation may have happened. */
  public synchronized void forget() {
    cached = null;
  }
}
