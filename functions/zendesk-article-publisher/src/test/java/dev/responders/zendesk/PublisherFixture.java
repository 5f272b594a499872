package dev.responders.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responders.shared.aws.AccountScope;
import dev.responders.shared.aws.AwsClients;
import dev.responders.shared.http.SaasHttp;
import dev.responders.shared.json.Json;
import dev.responders.shared.notify.Notifier;
import dev.responders.tools.account.SampleEvents;
import dev.responders.tools.emulator.ZendeskDouble;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * Both functions wired to moto (Secrets Manager, SSM) and a Zendesk double, with every byte they print captured:
 * what a test asserts the functions said, and what it checks no credential leaked into.
 */
final class PublisherFixture {

  static final String SECRET_NAME = "responders/zendesk";
  static final String SIGNING_SECRET = "demo-webhook-signing-secret";
  /** Seven seconds after the sample webhook's signature timestamp. */
  static final Instant NOW = Instant.parse("2026-11-30T14:05:20Z");
  static final PublisherConfig CONFIG = new PublisherConfig(SECRET_NAME, ZendeskDouble.SECTION, 360000222L, null,
      List.of("web_widget", "guide"), true, "en-us", "/responders/zendesk/articles",
      new AccountScope("123456789012", "us-east-1"));
  static final String EVENTS = "zendesk-article-publisher";

  final ZendeskDouble zendesk;
  final SecretsManagerClient secrets = AwsClients.build(SecretsManagerClient.builder());
  final SsmClient ssm = AwsClients.build(SsmClient.builder());
  final List<Duration> waits = new ArrayList<>();
  /** Runs at each wait between Zendesk attempts, after it is recorded: how a fault test strikes mid-invocation. */
  Runnable duringWait = () -> { };
  /** No topic unless a test gives one. */
  Notifier notifier = Notifier.disabled();
  final StringBuilder printed = new StringBuilder();
  final List<String> results = new ArrayList<>();
  private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  PublisherFixture(ZendeskDouble zendesk) {
    this.zendesk = zendesk;
  }

  PublisherFixture withSecret() {
    return withSecret(secretJson(zendesk.baseUrl(), SIGNING_SECRET));
  }

  PublisherFixture withSecret(String json) {
    secrets.createSecret(r -> r.name(SECRET_NAME).secretString(json));
    return this;
  }

  static String secretJson(String baseUrl, String signingSecret) {
    ObjectNode secret = Json.MAPPER.createObjectNode().put("subdomain", "acme").put("email", ZendeskDouble.EMAIL)
        .put("apiToken", ZendeskDouble.TOKEN).put("baseUrl", baseUrl);
    if (signingSecret != null) {
      secret.put("webhookSigningSecret", signingSecret);
    }
    return secret.toString();
  }

  PublisherFixture at(Instant now) {
    clock = Clock.fixed(now, ZoneOffset.UTC);
    return this;
  }

  PublisherClients clients() {
    return new PublisherClients(secrets, ssm, SaasHttp.client(), wait -> {
      waits.add(wait);
      duringWait.run();
    }, notifier);
  }

  /** The partner-event function on a sample of events/zendesk-article-publisher. */
  JsonNode bus(String sample) {
    return busEvent(SampleEvents.read(EVENTS, sample));
  }

  JsonNode busEvent(String event) {
    var handler = new ZendeskArticlePublisherHandler(CONFIG, clients(), clock);
    return Json.read(capture(out -> handler.handleRequest(input(event), out, null)), JsonNode.class);
  }

  /** The webhook function on a function URL request; returns the response (statusCode, headers, body). */
  JsonNode webhook(String request) {
    var handler = new ZendeskWebhookHandler(CONFIG, clients(), clock);
    return Json.read(capture(out -> handler.handleRequest(input(request), out, null)), JsonNode.class);
  }

  /** The sample webhook request as Zendesk signed it. */
  static String sampleWebhookRequest() {
    return SampleEvents.read(EVENTS, "webhook/comment-added.json");
  }

  /** The sample request carrying {@code body}, signed at {@code timestamp} with {@code signingSecret}. */
  static String webhookRequest(String body, String timestamp, String signingSecret) {
    ObjectNode request = (ObjectNode) Json.read(sampleWebhookRequest(), JsonNode.class);
    request.put("body", body);
    ObjectNode headers = (ObjectNode) request.get("headers");
    headers.put(WebhookEndpoint.TIMESTAMP, timestamp);
    headers.put(WebhookEndpoint.SIGNATURE,
        WebhookSignature.sign(signingSecret, timestamp, body.getBytes(StandardCharsets.UTF_8)));
    return request.toString();
  }

  static String sampleWebhookBody() {
    return Json.read(sampleWebhookRequest(), JsonNode.class).get("body").asText();
  }

  Optional<ArticleRecord> record(long ticketId) {
    try {
      return Optional.of(Json.read(ssm.getParameter(r -> r.name(CONFIG.recordParameterName(ticketId)))
          .parameter().value(), ArticleRecord.class));
    } catch (ParameterNotFoundException e) {
      return Optional.empty();
    }
  }

  void seedRecord(ArticleRecord record) {
    ssm.putParameter(r -> r.name(CONFIG.recordParameterName(record.ticketId())).type("String")
        .overwrite(true).value(Json.write(record)));
  }

  /** Everything the run printed and returned (results, exception messages), for the credential check. */
  String everythingSaid() {
    return printed + "\n" + String.join("\n", results);
  }

  @FunctionalInterface
  interface Invocation {
    void run(ByteArrayOutputStream out) throws Exception;
  }

  /** Runs with stdout and stderr captured; an exception's message is kept too, then rethrown. */
  private String capture(Invocation invocation) {
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (PrintStream both = new PrintStream(console, true, StandardCharsets.UTF_8)) {
      System.setOut(both);
      System.setErr(both);
      invocation.run(out);
    } catch (RuntimeException e) {
      results.add(e.toString());
      throw e;
    } catch (Exception e) {
      results.add(e.toString());
      throw new IllegalStateException(e);
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
      printed.append(console.toString(StandardCharsets.UTF_8));
      stdout.print(console.toString(StandardCharsets.UTF_8));
    }
    String result = out.toString(StandardCharsets.UTF_8);
    results.add(result);
    return result;
  }

  private static ByteArrayInputStream input(String json) {
    return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
  }
}
