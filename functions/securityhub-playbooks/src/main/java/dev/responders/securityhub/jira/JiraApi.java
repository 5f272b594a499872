package dev.responders.securityhub.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responders.securityhub.playbook.HandoverRefusedException;
import dev.responders.securityhub.playbook.HandoverUnavailableException;
import dev.responders.shared.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The two Jira Cloud REST API v3 calls of the SendToJira action, over the JDK's HTTP client: find the issue of a
 * finding by its label (JQL), create one. 429 waits Jira's {@code Retry-After} (up to {@link #MAX_WAIT}), 5xx and
 * timeouts back off exponentially, {@link #MAX_ATTEMPTS} attempts in all; a create is retried only after searching
 * again, since Jira may have made the issue before failing. Any other 4xx is refused: a retry would be too.
 */
public final class JiraApi {

  static final int MAX_ATTEMPTS = 4;
  static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
  static final Duration MAX_WAIT = Duration.ofSeconds(10);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final int MAX_ERROR_CHARS = 300;

  /** Waits between attempts; tests record the waits instead of sleeping. */
  @FunctionalInterface
  public interface Pause {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final HttpClient http;
  private final Pause pause;

  public JiraApi(HttpClient http, Pause pause) {
    this.http = http;
    this.pause = pause;
  }

  /** The client a container builds once: HTTP/1.1, connect timeout, no redirects (they could leave the site). */
  public static HttpClient httpClient() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(3))
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** The key of the project's issue carrying {@code label}, if there is one. */
  public Optional<String> issueLabelled(JiraCredentials site, String projectKey, String label) {
    ObjectNode query = Json.MAPPER.createObjectNode()
        .put("jql", "project = \"" + projectKey + "\" AND labels = \"" + label + "\" ORDER BY created ASC")
        .put("maxResults", 1);
    query.putArray("fields").add("key");
    JsonNode found = send(site, post(site, "/rest/api/3/search/jql", query), true);
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
        return send(site, request, false).path("key").asText();
      } catch (HandoverUnavailableException e) {
        if (attempt >= MAX_ATTEMPTS) {
          throw e;
        }
        Optional<String> made = issueLabelled(site, projectKey, label);
        if (made.isPresent()) {
          return made.get();
        }
        wait(FIRST_BACKOFF.multipliedBy(1L << attempt), "POST /rest/api/3/issue");
      }
    }
  }

  private static HttpRequest post(JiraCredentials site, String path, JsonNode body) {
    return HttpRequest.newBuilder(URI.create(site.baseUrl() + path))
        .timeout(REQUEST_TIMEOUT)
        .header("Authorization", site.authorization())
        .header("Accept", "application/json")
        .header("Content-Type", "application/json")
        .header("User-Agent", "aws-event-responders/securityhub-playbooks")
        .POST(HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8))
        .build();
  }

  /**
   * One request with its retries. {@code retryFailures}: whether a 5xx or a timeout may be sent again here (a search
   * may; a create is sent again by {@link #createIssue} only after searching). 429 means Jira did not act: retried.
   */
  private JsonNode send(JiraCredentials site, HttpRequest request, boolean retryFailures) {
    String what = request.method() + " " + request.uri().getRawPath();
    Duration backoff = FIRST_BACKOFF;
    for (int attempt = 1; ; attempt++) {
      HttpResponse<String> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (IOException e) {
        if (!retryFailures || attempt >= MAX_ATTEMPTS) {
          throw new HandoverUnavailableException(what + " failed: " + e.getClass().getSimpleName() + " after "
              + attempt + " attempt(s)", e);
        }
        wait(backoff, what);
        backoff = backoff.multipliedBy(2);
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new HandoverUnavailableException(what + " interrupted", e);
      }
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        try {
          return Json.read(response.body(), JsonNode.class);
        } catch (IllegalArgumentException e) {
          throw new HandoverUnavailableException(what + " answered " + status + " with a body that is not JSON", e);
        }
      }
      if (status == 429) {
        Duration wait = retryAfter(response).orElse(backoff);
        if (attempt >= MAX_ATTEMPTS || wait.compareTo(MAX_WAIT) > 0) {
          throw new HandoverUnavailableException(what + " was rate limited by Jira (429, Retry-After "
              + wait.toSeconds() + " s) after " + attempt + " attempt(s)", null);
        }
        wait(wait, what);
        backoff = backoff.multipliedBy(2);
        continue;
      }
      if (status >= 500) {
        if (!retryFailures || attempt >= MAX_ATTEMPTS) {
          throw new HandoverUnavailableException(what + " failed with " + status + " after " + attempt
              + " attempt(s): " + jiraError(response.body()), null);
        }
        wait(backoff, what);
        backoff = backoff.multipliedBy(2);
        continue;
      }
      throw new HandoverRefusedException("Jira refused " + what + " with " + status + ": " + jiraError(response.body()));
    }
  }

  private void wait(Duration duration, String what) {
    try {
      pause.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HandoverUnavailableException(what + " interrupted while waiting to retry", e);
    }
  }

  static Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After").filter(v -> v.trim().matches("[0-9]{1,6}"))
        .map(v -> Duration.ofSeconds(Long.parseLong(v.trim())));
  }

  /** Jira's error shape: {"errorMessages": [...], "errors": {"field": "message"}}. */
  static String jiraError(String body) {
    String text;
    try {
      JsonNode json = Json.read(body == null ? "" : body, JsonNode.class);
      StringBuilder out = new StringBuilder();
      json.path("errorMessages").forEach(m -> out.append(out.isEmpty() ? "" : "; ").append(m.asText()));
      json.path("errors").fields().forEachRemaining(e -> out.append(out.isEmpty() ? "" : "; ").append(e.getKey())
          .append(": ").append(e.getValue().asText()));
      text = out.isEmpty() ? String.valueOf(body) : out.toString();
    } catch (RuntimeException notJson) {
      text = String.valueOf(body);
    }
    text = text.replaceAll("\\s+", " ").strip();
    return text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS) + "...";
  }
}
