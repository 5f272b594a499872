package dev.responders.zendesk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.responders.shared.aws.AwsClients;
import dev.responders.shared.error.NotificationFailedException;
import dev.responders.shared.error.RemediationIncompleteException;
import dev.responders.shared.notify.Notifier;
import dev.responders.tools.account.NotificationInbox;
import dev.responders.tools.emulator.AwsFault;
import dev.responders.tools.emulator.FaultProxy;
import dev.responders.tools.emulator.MotoExtension;
import dev.responders.tools.emulator.ZendeskDouble;
import dev.responders.tools.emulator.WireMockPeer;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.model.SsmException;

/**
 * AWS failing half-way (FaultProxy in front of moto): every failure is reported, nothing is created twice, and a
 * retry of the same event finishes the job.
 */
@ExtendWith({MotoExtension.class, FaultProxy.Extension.class, WireMockPeer.class})
class ZendeskArticlePublisherFaultIT {

  private static final String SOLVED = ZendeskArticlePublisherIT.SOLVED;

  private WireMockServer server;
  private PublisherFixture fixture;
  private FaultProxy proxy;

  @BeforeEach
  void seed(WireMockServer server, FaultProxy proxy) {
    this.server = server;
    this.proxy = proxy;
    ZendeskDouble zendesk = new ZendeskDouble(server).solvedTicket();
    fixture = new PublisherFixture(zendesk).withSecret();
  }

  @Test
  void secretsManagerThrottlingOnceIsRetriedAndThePublishGoesOn() {
    proxy.fail("GetSecretValue", AwsFault.throttling(), 1);

    JsonNode result = fixture.bus(SOLVED);

    assertThat(result.get("status").asText()).isEqualTo("published");
    assertThat(proxy.attempts("GetSecretValue")).isEqualTo(2);
    assertThat(proxy.reached("GetSecretValue")).isEqualTo(1);
  }

  @Test
  void aDeniedSecretStopsBeforeZendeskAndRecordsNothing() {
    proxy.fail("GetSecretValue", AwsFault.accessDenied(), 1);

    assertThatThrownBy(() -> fixture.bus(SOLVED)).isInstanceOfSatisfying(SecretsManagerException.class, e ->
        assertThat(e.statusCode()).isEqualTo(403));
    assertThat(server.getAllServeEvents()).isEmpty();
    assertThat(proxy.reached("PutParameter")).isZero();

    JsonNode retry = fixture.bus(SOLVED);
    assertThat(retry.get("status").asText()).isEqualTo("published");
  }

  @Test
  void aDeniedClaimCreatesNoArticleAndTheRetryCreatesExactlyOne() {
    proxy.fail("PutParameter", AwsFault.accessDenied(), 1);

    assertThatThrownBy(() -> fixture.bus(SOLVED)).isInstanceOf(SsmException.class);
    server.verify(0, postRequestedFor(anyUrl()));
    assertThat(fixture.record(ZendeskDouble.TICKET)).isEmpty();

    JsonNode retry = fixture.bus(SOLVED);

    assertThat(retry.get("status").asText()).isEqualTo("published");
    server.verify(1, postRequestedFor(urlPathEqualTo(ZendeskDouble.articlesPath())));
  }

  @Test
  void aRecordWriteDeniedAfterTheArticleExistsIsReportedAndTheRetryRecordsThatArticle() {
    // The article POST is rate limited once; while the publisher waits, SSM starts refusing writes.
    server.stubFor(post(urlPathEqualTo(ZendeskDouble.articlesPath())).atPriority(1)
        .inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("free"));
    fixture.duringWait = () -> proxy.fail("PutParameter", AwsFault.accessDenied(), 1);

    assertThatThrownBy(() -> fixture.bus(SOLVED)).isInstanceOf(RemediationIncompleteException.class)
        .hasMessageContaining("Failed at ssm:PutParameter on /responders/zendesk/articles/35436 after"
            + " [ssm:PutParameter /responders/zendesk/articles/35436, zendesk:CreateArticle ticket/35436]");
    assertThat(fixture.record(ZendeskDouble.TICKET)).hasValueSatisfying(record ->
        assertThat(record.state()).isEqualTo(ArticleRecord.State.CREATING));

    // Until the claim's lease runs out, a retry cannot tell a dead attempt from a slow one: it waits.
    new ZendeskDouble(server).articleLabelled(ZendeskDouble.ARTICLE);
    fixture.duringWait = () -> { };
    assertThatThrownBy(() -> fixture.bus(SOLVED)).isInstanceOf(PublishInProgressException.class);

    // Then Zendesk's label shows the article; the retry records it instead of creating another.
    JsonNode retry = fixture.at(PublisherFixture.NOW.plus(ArticleRecord.CLAIM_LEASE).plusSeconds(1)).bus(SOLVED);

    assertThat(retry.get("status").asText()).isEqualTo("already-published");
    assertThat(retry.get("article_id").asLong()).isEqualTo(ZendeskDouble.ARTICLE);
    assertThat(server.findAll(postRequestedFor(urlPathEqualTo(ZendeskDouble.articlesPath()))))
        .as("one 429, one create, none on the retry").hasSize(2);
    assertThat(fixture.record(ZendeskDouble.TICKET)).hasValueSatisfying(record -> {
      assertThat(record.state()).isEqualTo(ArticleRecord.State.PUBLISHED);
      assertThat(record.articleId()).isEqualTo(ZendeskDouble.ARTICLE);
    });
  }

  @Test
  void aNotificationThatCannotBeSentIsOwedAndTheRetrySendsItWithoutASecondArticle() {
    NotificationInbox inbox = NotificationInbox.create(AwsClients.build(SnsClient.builder()),
        AwsClients.build(SqsClient.builder()), "responder-notifications");
    fixture.notifier = new Notifier(AwsClients.build(SnsClient.builder()), inbox.topicArn());
    proxy.fail("Publish", AwsFault.accessDenied(), 1);

    assertThatThrownBy(() -> fixture.bus(SOLVED)).isInstanceOf(NotificationFailedException.class)
        .hasMessageContaining("Help-center draft to review from Zendesk ticket 35436");
    assertThat(fixture.record(ZendeskDouble.TICKET)).hasValueSatisfying(record -> {
      assertThat(record.state()).isEqualTo(ArticleRecord.State.PUBLISHED);
      assertThat(record.notified()).isFalse();
    });
    assertThat(inbox.take()).isEmpty();

    JsonNode retry = fixture.bus(SOLVED);

    assertThat(retry.get("status").asText()).isEqualTo("already-published");
    assertThat(retry.get("notification").asText()).isEqualTo("sent");
    assertThat(inbox.take()).hasSize(1);
    assertThat(fixture.record(ZendeskDouble.TICKET)).hasValueSatisfying(r -> assertThat(r.notified()).isTrue());
    server.verify(1, postRequestedFor(urlPathEqualTo(ZendeskDouble.articlesPath())));
    assertThat(fixture.bus(SOLVED).has("notification")).as("owed no more").isFalse();
    assertThat(inbox.take()).isEmpty();
  }

  @Test
  void theWebhookAsksZendeskToRetryWhileANotificationIsOwed() {
    NotificationInbox inbox = NotificationInbox.create(AwsClients.build(SnsClient.builder()),
        AwsClients.build(SqsClient.builder()), "responder-notifications");
    fixture.notifier = new Notifier(AwsClients.build(SnsClient.builder()), inbox.topicArn());
    proxy.fail("Publish", AwsFault.accessDenied(), 1);

    JsonNode first = fixture.webhook(PublisherFixture.sampleWebhookRequest());
    JsonNode retry = fixture.webhook(PublisherFixture.sampleWebhookRequest());

    assertThat(first.get("statusCode").asInt()).isEqualTo(503);
    assertThat(retry.get("statusCode").asInt()).isEqualTo(200);
    assertThat(inbox.take()).hasSize(1);
    server.verify(1, postRequestedFor(urlPathEqualTo(ZendeskDouble.articlesPath())));
  }

  @Test
  void throttledRecordReadsAndWritesAreRetriedBySdk() {
    proxy.fail("GetParameter", AwsFault.throttling(), 1);
    proxy.fail("PutParameter", AwsFault.throttling(), 2);

    JsonNode result = fixture.bus(SOLVED);

    assertThat(result.get("status").asText()).isEqualTo("published");
    assertThat(proxy.attempts("GetParameter")).isEqualTo(2);
    assertThat(proxy.reached("PutParameter")).isEqualTo(2);
    server.verify(1, postRequestedFor(urlPathEqualTo(ZendeskDouble.articlesPath())));
  }

  @Test
  void theWebhookAnswers503WhenAwsFailsSoZendeskRetries() {
    proxy.fail("GetParameter", AwsFault.accessDenied(), 1);

    JsonNode response = fixture.webhook(PublisherFixture.sampleWebhookRequest());

    assertThat(response.get("statusCode").asInt()).isEqualTo(503);
    assertThat(response.get("headers").get("Retry-After").asText()).isEqualTo("30");
    assertThat(fixture.printed.toString()).contains("\"action\":\"publish\"", "\"outcome\":\"failed\"");
    server.verify(0, postRequestedFor(anyUrl()));
    assertThat(fixture.webhook(PublisherFixture.sampleWebhookRequest()).get("statusCode").asInt())
        .as("Zendesk's retry").isEqualTo(200);
  }

  @Test
  void snapStartPrimingReadsNoSecretCallsNoZendeskAndWritesNothing() {
    var handler = new ZendeskArticlePublisherHandler(PublisherFixture.CONFIG, fixture.clients(), Clock.systemUTC());
    var webhook = new ZendeskWebhookHandler(PublisherFixture.CONFIG, fixture.clients(), Clock.systemUTC());

    handler.warmUp();
    webhook.warmUp();

    assertThat(proxy.reached("GetSecretValue")).isZero();
    assertThat(proxy.reached("PutParameter")).isZero();
    assertThat(proxy.reached("GetParameter")).as("the record read of ticket 0, once per function").isEqualTo(2);
    assertThat(server.getAllServeEvents()).isEmpty();
  }
}
