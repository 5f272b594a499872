package dev.responders.tools.emulator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Zendesk's Support and Help Center API as WireMock stubs, for the zendesk-article-publisher's tests and demo:
 * one solved, tagged ticket with a question, a private note and a public answer, its requester, and the article
 * endpoints. Every stub demands the API-token Authorization header, so a request without it (or with another)
 * gets WireMock's 404 and fails.
 */
public final class ZendeskDouble {

  private static final ObjectMapper JSON = new ObjectMapper();

  public static final String EMAIL = "publisher@acme.example";
  public static final String TOKEN = "zd-token-8c1f4e2a9b7d6c5e3f1a";
  public static final String AUTHORIZATION = "Basic " + Base64.getEncoder().encodeToString(
      (EMAIL + "/token:" + TOKEN).getBytes(StandardCharsets.UTF_8));
  public static final long TICKET = 35436;
  public static final long REQUESTER = 7001;
  public static final long AGENT = 20978392;
  public static final long SECTION = 360000111;
  public static final long ARTICLE = 4400001;
  public static final String LABEL = "zendesk-ticket-" + TICKET;

  private final WireMockServer server;

  public ZendeskDouble(WireMockServer server) {
    this.server = server;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  /** The ticket, its comments and requester, no article yet, and an article create that succeeds. */
  public ZendeskDouble solvedTicket() {
    ticket("solved", List.of("guide", "two_factor", "web_widget"));
    comments(List.of(
        comment(900000001000L, REQUESTER, true, "<p>Hi, I am Jane Doe. I lost my phone: how do I reset two-factor?"
            + " Call me on +1 (415) 555-0134 or write to jane.doe@example.com</p>"),
        comment(900000001001L, AGENT, false, "<p>Internal: VIP on the legacy plan, card ending 4242</p>"),
        comment(900000001002L, AGENT, true, "<p>Hi Jane, go to <strong>Settings &gt; Security</strong> and choose"
            + " <em>Reset two-factor</em>. See <a href=\"https://help.acme.example/2fa\">the guide</a>.</p>")));
    user(REQUESTER, "Jane Doe", "jane.doe@example.com");
    noArticleLabelled();
    createsArticle();
    return this;
  }

  public void ticket(String status, List<String> tags) {
    ObjectNode ticket = JSON.createObjectNode();
    ticket.putObject("ticket").put("id", TICKET).put("subject", "Reset two-factor for jane.doe@example.com")
        .put("status", status).put("requester_id", REQUESTER).put("submitter_id", REQUESTER)
        .putPOJO("tags", tags);
    server.stubFor(authorized(get(urlPathEqualTo("/api/v2/tickets/" + TICKET + ".json")))
        .willReturn(okJson(ticket.toString())));
  }

  public void comments(List<ObjectNode> comments) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode list = body.putArray("comments");
    comments.forEach(list::add);
    ArrayNode users = body.putArray("users");
    users.addObject().put("id", REQUESTER).put("role", "end-user").put("name", "Jane Doe");
    users.addObject().put("id", AGENT).put("role", "agent").put("name", "Sam Agent");
    body.putNull("next_page");
    server.stubFor(authorized(get(urlPathEqualTo("/api/v2/tickets/" + TICKET + "/comments.json")))
        .withQueryParam("include", equalTo("users"))
        .willReturn(okJson(body.toString())));
  }

  public static ObjectNode comment(long id, long author, boolean isPublic, String html) {
    return JSON.createObjectNode().put("id", id).put("type", "Comment").put("author_id", author)
        .put("public", isPublic).put("html_body", html).put("body", html.replaceAll("<[^>]+>", ""));
  }

  public void user(long id, String name, String email) {
    ObjectNode user = JSON.createObjectNode();
    user.putObject("user").put("id", id).put("name", name).put("email", email).put("role", "end-user");
    server.stubFor(authorized(get(urlPathEqualTo("/api/v2/users/" + id + ".json"))).willReturn(okJson(user.toString())));
  }

  public void noArticleLabelled() {
    server.stubFor(authorized(get(urlPathEqualTo("/api/v2/help_center/articles.json")))
        .withQueryParam("label_names", equalTo(LABEL))
        .willReturn(okJson("{\"articles\":[],\"next_page\":null}")));
  }

  public void articleLabelled(long articleId) {
    server.stubFor(authorized(get(urlPathEqualTo("/api/v2/help_center/articles.json")))
        .withQueryParam("label_names", equalTo(LABEL))
        .willReturn(okJson("{\"articles\":[{\"id\":" + articleId + ",\"draft\":true,\"label_names\":[\"" + LABEL
            + "\"],\"html_url\":\"" + articleUrl(articleId) + "\"}]}")));
  }

  public void createsArticle() {
    server.stubFor(authorized(post(urlPathEqualTo(articlesPath())))
        .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
            .withBody("{\"article\":{\"id\":" + ARTICLE + ",\"draft\":true,\"html_url\":\"" + articleUrl(ARTICLE)
                + "\",\"label_names\":[\"" + LABEL + "\"]}}")));
  }

  /** The ticket read first answers {@code status} (with the given headers), then the stubbed ticket. */
  public void ticketFailsOnceWith(int status, String retryAfter) {
    var failure = aResponse().withStatus(status).withHeader("Content-Type", "application/json")
        .withBody(status == 429 ? "{\"error\":\"TooManyRequests\",\"description\":\"Rate limit exceeded\"}"
            : "{\"error\":\"InternalError\",\"description\":\"Something went wrong\"}");
    if (retryAfter != null) {
      failure = failure.withHeader("Retry-After", retryAfter);
    }
    server.stubFor(authorized(get(urlPathEqualTo("/api/v2/tickets/" + TICKET + ".json")))
        .inScenario("flaky").whenScenarioStateIs(Scenario.STARTED).willReturn(failure).willSetStateTo("recovered")
        .atPriority(1));
  }

  /**
   * The publisher's secret as the suite stores it (responders/zendesk): the API token, the webhook's signing
   * secret, and a baseUrl pointing at this double instead of {@code <subdomain>.zendesk.com}.
   */
  public String secret(String webhookSigningSecret) {
    return JSON.createObjectNode().put("subdomain", "acme").put("email", EMAIL).put("apiToken", TOKEN)
        .put("webhookSigningSecret", webhookSigningSecret).put("baseUrl", baseUrl()).toString();
  }

  /** The sample webhook request with its signature made now, as Zendesk would send it at this moment. */
  public static String signedNow(String request, String signingSecret) {
    try {
      ObjectNode node = (ObjectNode) JSON.readTree(request);
      String timestamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
      ObjectNode headers = (ObjectNode) node.get("headers");
      headers.put("x-zendesk-webhook-signature-timestamp", timestamp);
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      headers.put("x-zendesk-webhook-signature", Base64.getEncoder().encodeToString(
          mac.doFinal((timestamp + node.get("body").asText()).getBytes(StandardCharsets.UTF_8))));
      return node.toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String articlesPath() {
    return "/api/v2/help_center/sections/" + SECTION + "/articles.json";
  }

  public String articleUrl(long id) {
    return "https://acme.zendesk.com/hc/en-us/articles/" + id;
  }

  private static MappingBuilder authorized(MappingBuilder request) {
    return request.withHeader("Authorization", equalTo(AUTHORIZATION));
  }
}
