package dev.responders.securityhub.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responders.securityhub.playbook.HandoverRefusedException;
import dev.responders.securityhub.playbook.HandoverUnavailableException;
import dev.responders.shared.http.PeerUnavailableException;
import dev.responders.shared.http.SaasHttp;
import dev.responders.shared.http.SaasHttp.Resend;
import dev.responders.shared.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The two Jira Cloud REST API v3 calls of the SendToJira action: find the issue of a finding by its label (JQL),
 * create one. Retries are the suite's SaaS rules ({@link SaasHttp}): a search is sent again after 5xx and timeouts,
 * a create only when Jira cannot have acted, and otherwise after searching again, since Jira may have made the issue
 * before failing. Any other 4xx is refused: a retry would be too.
 */
public final class JiraApi {

  static final Duration MAX_WAIT = Duration.ofSeconds(10);

  private final SaasHttp http;

  public JiraApi(HttpClient http, SaasHttp.Pause pause) {
    this.http = new SaasHttp("Jira", http, pause, MAX_WAIT, JiraApi::jiraError);
  }

  /** The key of the project's issue carrying {@code label}, if there is one. */
  public Optional<String> issueLabelled(JiraCredentials site, String projectKey, String label) {
    ObjectNode query = Json.MAPPER.createObjectNode()
        .put("jql", "project = \"" + projectKey + "\" AND labels = \"" + label + "\" ORDER BY created ASC")
        .put("maxResults", 1);
    query.putArray("fields").add("key");
    JsonNode found = send(post(site, "/rest/api/3/search/jql", query), Resend.ON_ANY_FAILURE);
    JsonNode first = found.path("issues").path(0);
    return first.hasNonNull("key") ? Optional.of(first.get("key").asText()) : Optional.empty();
  }

  /** Creates the issue ({@code fields} as Jira's create-issue body takes them) and returns its key. */
  public String createIssue(JiraCredentials site, ObjectNode fields, String projectKey, String label) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.set("fields", fields);
    HttpRequest request = post(site, "/rest/api/3/issue", body);
    for (int attempt = 1; ; attempt++) {
      try {
        return send(request, Resend.ONLY_IF_NOT_SENT).path("key").asText();
      } catch (HandoverUnavailableException e) {
        if (attempt >= SaasHttp.MAX_ATTEMPTS) {
          throw e;
        }
        Optional<String> made = issueLabelled(site, projectKey, label);
        if (made.isPresent()) {
          return made.get();
        }
        try {
          http.pause(SaasHttp.FIRST_BACKOFF.multipliedBy(1L << attempt), SaasHttp.what(request));
        } catch (PeerUnavailableException interrupted) {
          throw new HandoverUnavailableException(interrupted.getMessage(), interrupted);
        }
      }
    }
  }

  private static HttpRequest post(JiraCredentials site, String path, JsonNode body) {
    return SaasHttp.request(URI.create(site.baseUrl() + path), site.authorization(), "securityhub-playbooks")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8))
        .build();
  }

  private JsonNode send(HttpRequest request, Resend resend) {
    try {
      HttpResponse<String> response = http.send(request, resend);
      if (response.statusCode() >= 300) {
        throw new HandoverRefusedException("Jira refused " + SaasHttp.what(request) + " with " + response.statusCode()
            + ": " + http.error(response.body()));
      }
      return SaasHttp.json(response);
    } catch (PeerUnavailableException e) {
      throw new HandoverUnavailableException(e.getMessage(), e);
    }
  }

  /** Jira's error shape: {"errorMessages": [...], "errors": {"field": "message"}}. */
  static String jiraError(String body) {
    JsonNode json = Json.read(body, JsonNode.class);
    StringBuilder out = new StringBuilder();
    json.path("errorMessages").forEach(m -> out.append(out.isEmpty() ? "" : "; ").append(m.asText()));
    json.path("errors").fields().forEachRemaining(e -> out.append(out.isEmpty() ? "" : "; ").append(e.getKey())
        .append(": ").append(e.getValue().asText()));
    return out.isEmpty() ? body : out.toString();
  }
}
