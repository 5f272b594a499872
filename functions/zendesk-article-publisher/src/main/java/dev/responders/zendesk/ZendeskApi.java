package dev.responders.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responders.shared.http.PeerUnavailableException;
import dev.responders.shared.http.SaasHttp;
import dev.responders.shared.http.SaasHttp.Resend;
import dev.responders.shared.json.Json;
import dev.responders.zendesk.ZendeskModel.Article;
import dev.responders.zendesk.ZendeskModel.Comment;
import dev.responders.zendesk.ZendeskModel.Ticket;
import dev.responders.zendesk.ZendeskModel.User;
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
 * The Zendesk Support and Help Center API calls of the publisher, authenticated with an API token. Retries are the
 * suite's SaaS rules ({@link SaasHttp}): reads are sent again after 5xx and timeouts; the article POST only when
 * Zendesk cannot have acted on it (429, connection refused), since a repeated create would duplicate the article. A
 * rate limit longer than {@link #MAX_WAIT} fails the invocation so Lambda retries later. Any other 4xx is a
 * {@link ZendeskApiException} carrying Zendesk's error.
 */
public final class ZendeskApi {

  static final Duration MAX_WAIT = Duration.ofSeconds(20);
  /** What a failure that named no wait asks of the caller (the webhook answers 503 with it). */
  static final Duration DEFAULT_RETRY_AFTER = Duration.ofMinutes(1);
  private static final int MAX_COMMENT_PAGES = 20;

  private final SaasHttp http;

  public ZendeskApi(HttpClient http, SaasHttp.Pause pause) {
    this.http = new SaasHttp("Zendesk", http, pause, MAX_WAIT, ZendeskApi::zendeskError);
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
      JsonNode body = send(request(account, page).GET().build(), Resend.ON_ANY_FAILURE);
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
    return article(send(request, Resend.ONLY_IF_NOT_SENT).path("article"));
  }

  private JsonNode get(ZendeskCredentials account, String pathAndQuery) {
    return send(request(account, account.baseUrl().resolve(pathAndQuery)).GET().build(), Resend.ON_ANY_FAILURE);
  }

  private static HttpRequest.Builder request(ZendeskCredentials account, URI uri) {
    return SaasHttp.request(uri, account.authorization(), "zendesk-article-publisher");
  }

  private JsonNode send(HttpRequest request, Resend resend) {
    try {
      HttpResponse<String> response = http.send(request, resend);
      if (response.statusCode() >= 300) {
        throw new ZendeskApiException(request.method(), request.uri().getRawPath(), response.statusCode(),
            http.error(response.body()));
      }
      return SaasHttp.json(response);
    } catch (PeerUnavailableException e) {
      throw new ZendeskUnavailableException(e.getMessage(), e.retryAfter().orElse(DEFAULT_RETRY_AFTER), e);
    }
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

  private static Article article(JsonNode article) {
    return new Article(article.path("id").asLong(), article.path("html_url").asText(""),
        article.path("draft").asBoolean(false));
  }

  /** Zendesk's error, in its two shapes: {"error": "X", "description": "..."} and {"error": {"title", "message"}}. */
  static String zendeskError(String body) {
    JsonNode json = Json.read(body, JsonNode.class);
    JsonNode error = json == null ? null : json.path("error");
    if (error != null && error.isTextual()) {
      return error.asText() + (json.hasNonNull("description") ? ": " + json.get("description").asText() : "");
    }
    if (error != null && error.isObject()) {
      return error.path("title").asText("") + ": " + error.path("message").asText("");
    }
    return body;
  }
}
