package dev.responders.zendesk;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.responders.shared.aws.AwsClients;
import dev.responders.shared.json.Json;
import dev.responders.tools.account.NotificationInbox;
import dev.responders.tools.RepositoryRoot;
import dev.responders.tools.account.SampleEvents;
import dev.responders.tools.emulator.MotoExtension;
import dev.responders.tools.emulator.MotoServer;
import dev.responders.tools.emulator.WireMockPeer;
import dev.responders.tools.emulator.ZendeskDouble;
import dev.responders.tools.invoke.FunctionArtifact;
import dev.responders.tools.invoke.LocalRun;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Both functions as bin/invoke runs them: handler, code and environment from template.yaml, in a JVM of their own,
 * the secret in the emulator and Zendesk played by WireMock.
 */
@ExtendWith({MotoExtension.class, WireMockPeer.class})
class ZendeskLocalInvokeIT {

  private static final String[] DESTINATION = {"--param", "ZendeskSectionId=" + ZendeskDouble.SECTION,
      "--param", "ZendeskPermissionGroupId=360000222"};

  private final Path root = RepositoryRoot.find();
  private MotoServer moto;
  private WireMockServer server;
  private NotificationInbox inbox;

  @TempDir
  Path work;

  @BeforeEach
  void seed(MotoServer moto, WireMockServer server) {
    this.moto = moto;
    this.server = server;
    ZendeskDouble zendesk = new ZendeskDouble(server).solvedTicket();
    new PublisherFixture(zendesk).withSecret();
    // The name template.yaml's topic resolves to locally (no TopicName: the logical id).
    inbox = NotificationInbox.create(AwsClients.build(SnsClient.builder()), AwsClients.build(SqsClient.builder()),
        "ResponderNotificationsTopic");
  }

  @Test
  void theArtifactIsShrunkUnderTheSizeBudget() throws Exception {
    // The package phase shrinks target/lambda (lambda-shrink.pro); every test of this class runs that artifact.
    assertThat(FunctionArtifact.in(RepositoryRoot.find().resolve("functions/zendesk-article-publisher")).zippedBytes())
        .isLessThanOrEqualTo(FunctionArtifact.SIZE_BUDGET_BYTES);
  }

  @Test
  void aWebhookSignedNowPublishesWithTheTemplatesEnvironment() throws Exception {
    String timestamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    String request = PublisherFixture.webhookRequest(PublisherFixture.sampleWebhookBody(), timestamp,
        PublisherFixture.SIGNING_SECRET);

    LocalRun run = invoke("ZendeskWebhookFunction", request, DESTINATION);

    assertThat(run.status()).isZero();
    assertThat(run.result().get("statusCode").asInt()).isEqualTo(200);
    assertThat(Json.read(run.result().get("body").asText(), JsonNode.class).get("status").asText())
        .isEqualTo("published");
    server.verify(1, postRequestedFor(urlPathEqualTo(ZendeskDouble.articlesPath()))
        .withHeader("Authorization", equalTo(ZendeskDouble.AUTHORIZATION)));
    assertThat(run.log()).doesNotContain(ZendeskDouble.TOKEN);
    assertThat(run.report()).containsKeys("Init Duration", "Duration");
    assertThat(run.metrics()).containsEntry("Accepted", 1).doesNotContainKey("Rejected");
    assertThat(inbox.take()).singleElement().satisfies(n -> assertThat(n.get("Subject").asText())
        .isEqualTo("Help-center draft to review from Zendesk ticket 35436"));
  }

  @Test
  void thePartnerEventPublishesThroughThePublisherFunctionsArtifact() throws Exception {
    LocalRun run = invoke("ZendeskArticlePublisherFunction",
        SampleEvents.read(PublisherFixture.EVENTS, ZendeskArticlePublisherIT.SOLVED), DESTINATION);

    assertThat(run.status()).as(run::log).isZero();
    assertThat(run.result().get("status").asText()).isEqualTo("published");
    server.verify(1, postRequestedFor(urlPathEqualTo(ZendeskDouble.articlesPath())));
    assertThat(run.metrics()).isEqualTo(java.util.Map.of("Published", 1));
  }

  @Test
  void theSampleWebhookAsStoredIsAReplayByNow() throws Exception {
    LocalRun run = invoke("ZendeskWebhookFunction", PublisherFixture.sampleWebhookRequest(), DESTINATION);

    assertThat(run.result().get("statusCode").asInt()).isEqualTo(401);
    assertThat(server.getAllServeEvents()).isEmpty();
    assertThat(run.metrics()).isEqualTo(java.util.Map.of("Rejected", 1));
  }

  @Test
  void withoutASectionTheFunctionRefusesToStartNamingWhatIsMissing() throws Exception {
    LocalRun run = invoke("ZendeskArticlePublisherFunction",
        SampleEvents.read(PublisherFixture.EVENTS, ZendeskArticlePublisherIT.SOLVED));

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.log()).contains("dev.responders.shared.error.ConfigurationException",
        "ZENDESK_SECTION_ID is not set", "ZENDESK_PERMISSION_GROUP_ID is not set");
  }

  @Test
  void snapStartPrimingChangesNothing() throws Exception {
    List<String> options = new ArrayList<>(List.of(DESTINATION));
    options.add("--snapstart");
    LocalRun run = invoke("ZendeskArticlePublisherFunction",
        SampleEvents.read(PublisherFixture.EVENTS, "no-match/private-note.json"), options.toArray(String[]::new));

    assertThat(run.status()).isZero();
    assertThat(run.result().get("status").asText()).isEqualTo("skipped");
    JsonNode timing = run.timing();
    assertThat(timing.get("snapshot_hooks_ms").asLong()).as("priming ran").isPositive();
    assertThat(run.log()).doesNotContain("\"kind\":\"priming\",\"outcome\":\"failed\"");
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  private LocalRun invoke(String function, String event, String... options) throws IOException, InterruptedException {
    return LocalRun.of(root, work, moto.processEnvironment(), function, event, options);
  }

}
