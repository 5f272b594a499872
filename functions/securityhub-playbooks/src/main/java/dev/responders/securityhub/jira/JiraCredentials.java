package dev.responders.securityhub.jira;

import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.securityhub.playbook.HandoverRefusedException;
import dev.responders.shared.secret.SecretJson;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The Jira Cloud site issues are created in, from the Secrets Manager secret (JSON {@code baseUrl}, {@code email},
 * {@code apiToken}, optional {@code issueType}, default {@code Task}). {@link #toString()} never shows the token, and
 * no error built here quotes a value of the secret.
 */
public record JiraCredentials(URI baseUrl, String email, String apiToken, String issueType) {

  public static JiraCredentials parse(String secretName, String secretString) {
    List<String> problems = new ArrayList<>();
    JsonNode json = SecretJson.object(secretString, problems);
    if (json == null) {
      throw refused(secretName, problems);
    }
    String base = SecretJson.text(json, "baseUrl", problems);
    String email = SecretJson.text(json, "email", problems);
    String token = SecretJson.text(json, "apiToken", problems);
    URI baseUrl = base == null ? null : SecretJson.baseUrl("baseUrl", base, problems);
    if (email != null && !email.matches("[^@\\s]+@[^@\\s]+")) {
      problems.add("email must be the address of the Atlassian account the API token belongs to");
    }
    JsonNode type = json.get("issueType");
    String issueType = type == null || !type.isTextual() || type.asText().isBlank() ? "Task" : type.asText().trim();
    if (!problems.isEmpty()) {
      throw refused(secretName, problems);
    }
    return new JiraCredentials(baseUrl, email, token, issueType);
  }

  /** Jira Cloud's basic authentication with an API token: Basic base64({email}:{api_token}). */
  public String authorization() {
    return "Basic " + Base64.getEncoder().encodeToString((email + ":" + apiToken).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "JiraCredentials[baseUrl=" + baseUrl + ", email=" + email + ", apiToken=(hidden), issueType=" + issueType
        + "]";
  }

  private static HandoverRefusedException refused(String secretName, List<String> problems) {
    return new HandoverRefusedException("Jira secret " + secretName + ": " + String.join("; ", problems));
  }
}
