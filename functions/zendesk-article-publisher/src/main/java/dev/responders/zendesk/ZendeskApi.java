package dev.responders.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responders.shared.json.Json;
import dev.responders.zendesk.ZendeskModel.Article;
import dev.responders.zendesk.ZendeskModel.Comment;
import dev.responders.zendesk.ZendeskModel.Ticket;
import dev.responders.zendesk.ZendeskModel.User;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Zendesk Support and Help Center API calls of the publisher, over the JDK's HTTP client (built once per
 * container), authenticated with an API token.
 *
 * <p>Retries: 429 waits the {@code Retry-After} Zendesk sends (up to {@link #MAX_WAIT}; longer fails the invocation
 * so Lambda retries later); 5xx and timeouts back off exponentially, for reads only; the article POST is retried
 * only when Zendesk cannot have acted on it (429, connection refused), since a repeated create would duplicate the
 * article. Any other 4xx is a {@link ZendeskApiException} carrying Zendesk's error.
 */
public final class ZendeskApi {

  static final int MAX_ATTEMPTS = 4;
  static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
  static final Duration MAX_WAIT = Duration.ofSeconds(20);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  private static final int MAX_COMMENT_PAGES = 20;
  private static final int MAX_ERROR_CHARS = 300;

  /** Waits between attempts; tests record the waits instead of sleeping. */
  @FunctionalInterface
  public interface Pause {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final HttpClient http;
  private final Pause pause;

  public ZendeskApi(HttpClient http, Pause pause) {
    this.http = http;
    this.pause = pause;
  }

  /** The client every container builds once: HTTP/1.1, connect timeout, no redirects (they could leave Zendesk). */
  public static HttpClient httpClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  public Ticket ticket(ZendeskCredentials account, long ticketId) {
    JsonNode ticket = get(account, "/api/v2/tickets/" + ticketId + ".json").path("ticket");
    List<String> tags = new ArrayList<>();
    ticket.path("tags").forEach(tag -> tags.add(tag.asText()));
    return new Ticket(ticket.path("id").asLong(ticketId), ticket.path("subject").asText(""),
        ticket.path("status").asText(""), tags, ticket.path("requester_id").asLong());
  }

  /** Every comment of the ticket in order, with its author's role from the side-loaded users. */
  public List<Comment> comments(ZendeskCredentials account, long ticketId) {
    List<Comment> comments = new ArrayList<>();
    URI page = account.baseUrl().resolve("/api/v2/tickets/" + ticketId + "/comments.json?include=users");
    for (int pages = 0; page != null && pages < MAX_COMMENT_PAGES; pages++) {
      JsonNode body = send(account, request(account, page).GET().build(), true);
      Map<Long, String> roles = new HashMap<>();
      body.path("users").forEach(user -> roles.put(user.path("id").asLong(), user.path("role").asText("")));
      body.path("comments").forEach(comment -> comments.add(new Comment(comment.path("id").asLong(),
          comment.path("author_id").asLong(), comment.path("public").asBoolean(false),
          comment.path("html_body").asText(comment.path("body").asText("")),
          roles.getOrDefault(comment.path("author_id").asLong(), "unknown"))));
      page = nextPage(account, body.path("next_page").asText(""));
    }
    return List.copyOf(comments);
  }

  public User user(ZendeskCredentials account, long userId) {
    JsonNode user = get(account, "/api/v2/users/" + userId + ".json").path("user");
    return new User(userId, user.path("name").asText(""), user.path("email").asText(""));
  }

  /** The article labelled {@code label}, if one exists (drafts included: the API answers agents with them). */
  public Optional<Article> articleLabelled(ZendeskCredentials account, String label) {
    JsonNode articles = get(account, "/api/v2/help_center/articles.json?label_names="
        + URLEncoder.encode(label, StandardCharsets.UTF_8)).path("articles");
    for (JsonNode article : articles) {
      for (JsonNode name : article.path("label_names")) {
        if (label.equals(name.asText())) {
          return Optional.of(article(article));
        }
      }
    }
    return Optional.empty();
  }

  /** {@code POST /api/v2/help_center/sections/{id}/articles.json}, subscribers not notified. */
  public Article createArticle(ZendeskCredentials account, long sectionId, ArticleDraft draft) {
    ObjectNode article = Json.MAPPER.createObjectNode()
        .put("title", draft.title())
        .put("body", draft.body())
        .put("locale", draft.locale())
        .put("permission_group_id", draft.permissionGroupId())
        .put("draft", draft.draft());
    if (draft.userSegmentId() == null) {
      article.putNull("user_segment_id");
    } else {
      article.put("user_segment_id", draft.userSegmentId());
    }
    draft.labels().forEach(article.putArray("label_names")::add);
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.set("article", article);
    body.put("notify_subscribers", false);
    URI uri = account.baseUrl().resolve("/api/v2/help_center/sections/" + sectionId + "/articles.json");
    HttpRequest request = request(account, uri)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8))
        .build();
    return article(send(account, request, false).path("article"));
  }

  private JsonNode get(ZendeskCredentials account, String pathAndQuery) {
    return send(account, request(account, account.baseUrl().resolve(pathAndQuery)).GET().build(), true);
  }

  private static HttpRequest.Builder request(ZendeskCredentials account, URI uri) {
    return HttpRequest.newBuilder(uri)
        .timeout(REQUEST_TIMEOUT)
        .header("Authorization", account.authorization())
        .header("Accept", "application/json")
        .header("User-Agent", "aws-event-responders/zendesk-article-publisher");
  }

  private JsonNode send(ZendeskCredentials account, HttpRequest request, boolean idempotent) {
    String what = request.method() + " " + request.uri().getRawPath();
    Duration backoff = FIRST_BACKOFF;
    for (int attempt = 1; ; attempt++) {
      HttpResponse<String> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (IOException e) {
        boolean notSent = e instanceof ConnectException;
        if (attempt >= MAX_ATTEMPTS || !idempotent && !notSent) {
          throw new ZendeskUnavailableException(what + " failed: " + e.getClass().getSimpleName()
              + (idempotent || notSent ? " after " + attempt + " attempt(s)" : " (not retried: Zendesk may have acted)"),
              Duration.ofMinutes(1), e);
        }
        wait(backoff, what);
        backoff = backoff.multipliedBy(2);
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ZendeskUnavailableException(what + " interrupted", Duration.ofMinutes(1), e);
      }
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        return body(response, what);
      }
      if (status == 429) {
        Duration wait = retryAfter(response).orElse(backoff);
        if (attempt >= MAX_ATTEMPTS || wait.compareTo(MAX_WAIT) > 0) {
          throw new ZendeskUnavailableException(what + " was rate limited by Zendesk (Retry-After "
              + wait.toSeconds() + " s)", wait, null);
        }
        wait(wait, what);
        backoff = backoff.multipliedBy(2);
        continue;
      }
      if (status >= 500) {
        if (attempt >= MAX_ATTEMPTS || !idempotent) {
          throw new ZendeskUnavailableException(what + " failed with " + status + " after " + attempt + " attempt(s): "
              + zendeskError(response.body()), Duration.ofMinutes(1), null);
        }
        wait(backoff, what);
        backoff = backoff.multipliedBy(2);
        continue;
      }
      throw new ZendeskApiException(request.method(), request.uri().getRawPath(), status, zendeskError(response.body()));
    }
  }

  private void wait(Duration duration, String what) {
    try {
      pause.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ZendeskUnavailableException(what + " interrupted while waiting to retry", duration, e);
    }
  }

  /** Zendesk sends whole seconds. */
  static Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After")
        .filter(value -> value.trim().matches("[0-9]{1,6}"))
        .map(value -> Duration.ofSeconds(Long.parseLong(value.trim())));
  }

  /** A next_page link is followed only on the account's own origin, so the token never goes elsewhere. */
  private static URI nextPage(ZendeskCredentials account, String link) {
    if (link.isBlank()) {
      return null;
    }
    URI next = URI.create(link);
    URI base = account.baseUrl();
    boolean sameOrigin = base.getScheme().equals(next.getScheme()) && base.getHost().equals(next.getHost())
        && base.getPort() == next.getPort();
    if (!sameOrigin) {
      throw new ZendeskApiException("GET", "next_page", 0, "Zendesk pointed the next page at another origin");
    }
    return next;
  }

  private static JsonNode body(HttpResponse<String> response, String what) {
    try {
      return Json.read(response.body(), JsonNode.class);
    } catch (IllegalArgumentException e) {
      throw new ZendeskUnavailableException(what + " answered " + response.statusCode() + " with a body that is not"
          + " JSON", Duration.ofMinutes(1), null);
    }
  }

  private static Article article(JsonNode article) {
    return new Article(article.path("id").asLong(), article.path("html_url").asText(""),
        article.path("draft").asBoolean(false));
  }

  /** Zendesk's error, in its two shapes: {"error": "X", "description": "..."} and {"error": {"title", "message"}}. */
  static String zendeskError(String body) {
    String text;
    try {
      JsonNode json = Json.read(body == null ? "" : body, JsonNode.class);
      JsonNode error = json == null ? null : json.path("error");
      if (error != null && error.isTextual()) {
        text = error.asText() + (json.hasNonNull("description") ? ": " + json.get("description").asText() : "");
      } else if (error != null && error.isObject()) {
        text = error.path("title").asText("") + ": " + error.path("message").asText("");
      } else {
        text = body == null ? "" : body;
      }
    } catch (IllegalArgumentException notJson) {
      text = body == null ? "" : body;
    }
    text = text.replaceAll("\\s+", " ").strip();
    return text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS) + "...";
  }
}
