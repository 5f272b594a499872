package dev.responders.securityhub.jira;

import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.securityhub.playbook.HandoverRefusedException;
import dev.responders.shared.json.Json;
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
    JsonNode json;
    try {
      json = Json.read(secretString, JsonNode.class);
    } catch (IllegalArgumentException e) {
      throw refused(secretName, List.of("is not JSON"));
    }
    if (json == null || !json.isObject()) {
      throw refused(secretName, List.of("is not a JSON object"));
    }
    List<String> problems = new ArrayList<>();
    String base = field(json, "baseUrl", problems);
    String email = field(json, "email", problems);
    String token = field(json, "apiToken", problems);
    URI baseUrl = null;
    if (base != null) {
      try {
        baseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        boolean loopback = "127.0.0.1".equals(baseUrl.getHost()) || "localhost".equals(baseUrl.getHost());
        if (baseUrl.getHost() == null || baseUrl.getRawQuery() != null || baseUrl.getRawUserInfo() != null
            || !("https".equals(baseUrl.getScheme()) || "http".equals(baseUrl.getScheme()) && loopback)) {
          problems.add("baseUrl must be an https URL such as https://acme.atlassian.net (plain http only on loopback)");
        }
      } catch (IllegalArgumentException e) {
        problems.add("baseUrl is not a URL");
      }
    }
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

  private static String field(JsonNode json, String name, List<String> problems) {
    JsonNode value = json.get(name);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      problems.add(name + " is missing or not a non-empty string");
      return null;
    }
    return value.asText().trim();
  }

  private static HandoverRefusedException refused(String secretName, List<String> problems) {
    return new HandoverRefusedException("Jira secret " + secretName + ": " + String.join("; ", problems));
  }
}
