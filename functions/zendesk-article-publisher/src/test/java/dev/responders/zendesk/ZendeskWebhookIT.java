package dev.responders.zendesk;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.responders.shared.json.Json;
import dev.responders.tools.emulator.MotoExtension;
import dev.responders.tools.emulator.ZendeskDouble;
import dev.responders.tools.emulator.WireMockPeer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The function URL Zendesk's webhook posts to: only signed, fresh, bounded requests reach the publisher. */
@ExtendWith({MotoExtension.class, WireMockPeer.class})
class ZendeskWebhookIT {

  private ZendeskDouble zendesk;
  private WireMockServer server;
  private PublisherFixture fixture;

  @BeforeEach
  void seed(WireMockServer server) {
    this.server = server;
    zendesk = new ZendeskDouble(server).solvedTicket();
    fixture = new PublisherFixture(zendesk).withSecret();
  }

  @Test
  void aSignedWebhookAsZendeskSendsItPublishesTheArticle() {
    JsonNode response = fixture.webhook(PublisherFixture.sampleWebhookRequest());

    assertThat(response.get("statusCode").asInt()).isEqualTo(200);
    JsonNode result = Json.read(response.get("body").asText(), JsonNode.class);
    assertThat(result.get("status").asText()).isEqualTo("published");
    assertThat(result.get("article_id").asLong()).isEqualTo(ZendeskDouble.ARTICLE);
    server.verify(1, postRequestedFor(urlPathEqualTo(ZendeskDouble.articlesPath())));
  }

  @Test
  void aBase64EncodedBodyIsVerifiedOnItsDecodedBytes() {
    ObjectNode request = (ObjectNode) Json.read(PublisherFixture.sampleWebhookRequest(), JsonNode.class);
    request.put("body", Base64.getEncoder().encodeToString(
        request.get("body").asText().getBytes(StandardCharsets.UTF_8)));
    request.put("isBase64Encoded", true);

    JsonNode response = fixture.webhook(request.toString());

    assertThat(response.get("statusCode").asInt()).isEqualTo(200);
  }

  @Test
  void theWebhookAndThePartnerEventOfOneCommentMakeOneArticle() {
    JsonNode first = fixture.bus(ZendeskArticlePublisherIT.SOLVED);
    JsonNode second = fixture.webhook(PublisherFixture.sampleWebhookRequest());

    assertThat(first.get("status").asText()).isEqualTo("published");
    assertThat(second.get("statusCode").asInt()).isEqualTo(200);
    JsonNode result = Json.read(second.get("body").asText(), JsonNode.class);
    assertThat(result.get("status").asText()).isEqualTo("already-published");
    assertThat(result.get("article_id").asLong()).isEqualTo(ZendeskDouble.ARTICLE);
    server.verify(1, postRequestedFor(urlPathEqualTo(ZendeskDouble.articlesPath())));
  }

  @Test
  void thePartnerEventAfterTheWebhookFindsTheArticleToo() {
    fixture.webhook(PublisherFixture.sampleWebhookRequest());

    JsonNode later = fixture.bus(ZendeskArticlePublisherIT.SOLVED);

    assertThat(later.get("status").asText()).isEqualTo("already-published");
    server.verify(1, postRequestedFor(urlPathEqualTo(ZendeskDouble.articlesPath())));
  }

  @Test
  void whileThePartnerEventIsCreatingTheArticleTheWebhookAsksZendeskToRetry() {
    fixture.seedRecord(ArticleRecord.creating(ZendeskDouble.TICKET, "3b1c2f4e-partner-event",
        PublisherFixture.NOW.minusSeconds(5)));

    JsonNode response = fixture.webhook(PublisherFixture.sampleWebhookRequest());

    assertThat(response.get("statusCode").asInt()).isEqualTo(409);
    server.verify(0, postRequestedFor(anyUrl()));
  }

  @Test
  void zendeskRetryingAWebhookWhoseFirstAttemptIsStillRunningGets409NotASecondArticle() {
    // Zendesk gives up waiting after a few seconds and sends the same event again (same id).
    fixture.seedRecord(ArticleRecord.creating(ZendeskDouble.TICKET, "01JDQ7X9V6C8M3T2K5N4P1R0SA#first-attempt",
        PublisherFixture.NOW.minusSeconds(8)));

    JsonNode response = fixture.webhook(PublisherFixture.sampleWebhookRequest());

    assertThat(response.get("statusCode").asInt()).isEqualTo(409);
    server.verify(0, postRequestedFor(anyUrl()));
  }

  @Test
  void aForgedSignatureIsRefusedWith401BeforeZendeskIsAsked() {
    String body = PublisherFixture.sampleWebhookBody();
    String request = PublisherFixture.webhookRequest(body, "2026-11-30T14:05:13Z", "not-the-signing-secret");

    JsonNode response = fixture.webhook(request);

    assertThat(response.get("statusCode").asInt()).isEqualTo(401);
    assertThat(response.get("body").asText()).isEqualTo("{\"error\":\"invalid signature\"}");
    assertThat(server.getAllServeEvents()).isEmpty();
    assertThat(fixture.printed.toString()).contains("\"detail\":\"401: signature does not match\"");
  }

  @Test
  void aBodyChangedAfterSigningIsRefused() {
    ObjectNode request = (ObjectNode) Json.read(PublisherFixture.sampleWebhookRequest(), JsonNode.class);
    request.put("body", request.get("body").asText().replace("\"35436\"", "\"35437\""));

    assertThat(fixture.webhook(request.toString()).get("statusCode").asInt()).isEqualTo(401);
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @Test
  void aMissingSignatureIsRefused() {
    ObjectNode request = (ObjectNode) Json.read(PublisherFixture.sampleWebhookRequest(), JsonNode.class);
    ((ObjectNode) request.get("headers")).remove(WebhookEndpoint.SIGNATURE);

    assertThat(fixture.webhook(request.toString()).get("statusCode").asInt()).isEqualTo(401);
  }

  @Test
  void aReplayMoreThanFiveMinutesAfterSigningIsRefused() {
    JsonNode response = fixture.at(PublisherFixture.NOW.plusSeconds(5 * 60))
        .webhook(PublisherFixture.sampleWebhookRequest());

    assertThat(response.get("statusCode").asInt()).isEqualTo(401);
    assertThat(fixture.printed.toString())
        .contains("timestamp 2026-11-30T14:05:13Z is more than 5 minutes from now");
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @Test
  void aBodyOver256KilobytesIsRefusedWith413() {
    String body = PublisherFixture.sampleWebhookBody().replace("\"zendesk_event_version\"",
        "\"padding\":\"" + "x".repeat(WebhookEndpoint.MAX_BODY_BYTES) + "\",\"zendesk_event_version\"");
    String request = PublisherFixture.webhookRequest(body, "2026-11-30T14:05:13Z", PublisherFixture.SIGNING_SECRET);

    JsonNode response = fixture.webhook(request);

    assertThat(response.get("statusCode").asInt()).isEqualTo(413);
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @Test
  void aBodyOfExactly256KilobytesIsStillRead() {
    String sample = PublisherFixture.sampleWebhookBody();
    String filler = "x".repeat(WebhookEndpoint.MAX_BODY_BYTES - sample.length() - ",\"padding\":\"\"".length());
    String body = sample.substring(0, sample.length() - 1) + ",\"padding\":\"" + filler + "\"}";
    assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(WebhookEndpoint.MAX_BODY_BYTES);

    JsonNode response = fixture.webhook(
        PublisherFixture.webhookRequest(body, "2026-11-30T14:05:13Z", PublisherFixture.SIGNING_SECRET));

    assertThat(response.get("statusCode").asInt()).isEqualTo(200);
  }

  @Test
  void onlyPostIsAccepted() {
    ObjectNode request = (ObjectNode) Json.read(PublisherFixture.sampleWebhookRequest(), JsonNode.class);
    ((ObjectNode) request.get("requestContext").get("http")).put("method", "GET");

    assertThat(fixture.webhook(request.toString()).get("statusCode").asInt()).isEqualTo(405);
  }

  @Test
  void aSignedBodyThatIsNoCommentEventIsABadRequestNamingTheField() {
    String body = "{\"type\":\"zen:event-type:ticket.comment_added\",\"id\":\"e1\",\"detail\":{\"id\":\"35436\"}}";

    JsonNode response = fixture.webhook(
        PublisherFixture.webhookRequest(body, "2026-11-30T14:05:13Z", PublisherFixture.SIGNING_SECRET));

    assertThat(response.get("statusCode").asInt()).isEqualTo(400);
    assertThat(response.get("body").asText()).isEqualTo("{\"error\":\"Invalid event: event is missing\"}");
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @Test
  void aPrivateNoteByWebhookIsAcceptedAndIgnored() {
    String body = PublisherFixture.sampleWebhookBody().replace("\"is_public\":true,\"author\"",
        "\"is_public\":false,\"author\"");
    JsonNode response = fixture.webhook(
        PublisherFixture.webhookRequest(body, "2026-11-30T14:05:13Z", PublisherFixture.SIGNING_SECRET));

    assertThat(response.get("statusCode").asInt()).isEqualTo(200);
    assertThat(Json.read(response.get("body").asText(), JsonNode.class).get("reason").asText())
        .isEqualTo("comment 900000001002 is a private note");
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @Test
  void aTicketZendeskDoesNotKnowIsAnsweredWith422AndZendesksError() {
    server.stubFor(get(urlPathEqualTo("/api/v2/tickets/35436.json")).atPriority(1).willReturn(aResponse()
        .withStatus(404).withBody("{\"error\":\"RecordNotFound\",\"description\":\"Not found\"}")));

    JsonNode response = fixture.webhook(PublisherFixture.sampleWebhookRequest());

    assertThat(response.get("statusCode").asInt()).isEqualTo(422);
    assertThat(response.get("body").asText()).contains("RecordNotFound: Not found");
  }

  @Test
  void zendeskRateLimitingLongerThanWeWaitIsPassedOnAs503WithRetryAfter() {
    zendesk.ticketFailsOnceWith(429, "90");

    JsonNode response = fixture.webhook(PublisherFixture.sampleWebhookRequest());

    assertThat(response.get("statusCode").asInt()).isEqualTo(503);
    assertThat(response.get("headers").get("Retry-After").asText()).isEqualTo("90");
  }

  @Test
  void theSigningSecretAndTokenAppearInNoResponseOrLog() {
    fixture.webhook(PublisherFixture.sampleWebhookRequest());
    fixture.webhook(PublisherFixture.webhookRequest(PublisherFixture.sampleWebhookBody(), "2026-11-30T14:05:13Z",
        "forged"));

    assertThat(fixture.everythingSaid()).contains("zendesk:CreateArticle", "invalid signature")
        .doesNotContain(PublisherFixture.SIGNING_SECRET, ZendeskDouble.TOKEN,
            ZendeskDouble.AUTHORIZATION.substring("Basic ".length()));
  }
}
