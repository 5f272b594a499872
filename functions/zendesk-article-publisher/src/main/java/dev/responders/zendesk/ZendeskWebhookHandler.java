package dev.responders.zendesk;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.error.InvalidEventException;
import dev.responders.shared.snapstart.Priming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;

/**
 * Entry point of the function URL Zendesk's webhook posts to (payload format 2.0, read as
 * {@link APIGatewayV2HTTPEvent}; answered with an {@link APIGatewayV2HTTPResponse}). The URL takes no AWS auth
 * because Zendesk cannot sign AWS requests; {@link WebhookEndpoint} verifies Zendesk's own signature instead.
 */
public final class ZendeskWebhookHandler implements RequestStreamHandler {

  static final String NAME = "zendesk-webhook";

  /** The Lambda event classes use camelCase properties, unlike the suite's snake_case JSON. */
  private static final ObjectMapper LAMBDA_EVENTS = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  /** A GET: refused before the secret is read, so priming calls nothing in Zendesk and reads no secret. */
  private static final String PRIMING_REQUEST = """
      {"version":"2.0","routeKey":"$default","rawPath":"/","headers":{"content-type":"application/json"},
       "requestContext":{"requestId":"priming","http":{"method":"GET","path":"/"}},"body":"{}",
       "isBase64Encoded":false}
      """;

  private final WebhookEndpoint endpoint;
  private final ArticlePublisher publisher;
  /** Held only so CRaC, which keeps registered resources weakly, still finds it at checkpoint time. */
  private final Priming priming;

  /** Used by Lambda: configuration and clients built once per container, at init, then primed for SnapStart. */
  public ZendeskWebhookHandler() {
    this(PublisherConfig.fromEnvironment(System.getenv()), PublisherClients.fromEnvironment(), Clock.systemUTC(),
        true);
  }

  public ZendeskWebhookHandler(PublisherConfig config, PublisherClients clients, Clock clock) {
    this(config, clients, clock, false);
  }

  private ZendeskWebhookHandler(PublisherConfig config, PublisherClients clients, Clock clock, boolean prime) {
    CredentialsSource credentials = clients.credentials(config, clock);
    this.publisher = clients.publisher(config, credentials, clock);
    this.endpoint = new WebhookEndpoint(publisher, credentials, clock);
    this.priming = prime ? Priming.register(this::warmUp) : null;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) {
    APIGatewayV2HTTPEvent request;
    try {
      request = LAMBDA_EVENTS.readValue(input, APIGatewayV2HTTPEvent.class);
    } catch (IOException e) {
      throw new InvalidEventException("$", "is not a function URL request (payload format 2.0)");
    }
    String requestId = request.getRequestContext() == null ? "unknown" : request.getRequestContext().getRequestId();
    AuditLog audit = AuditLog.toStandardOutput(NAME, requestId);
    APIGatewayV2HTTPResponse response = endpoint.handle(request, audit);
    // Accepted: the event is on its way to the publisher; Rejected: signature, age or body refused (4xx).
    audit.metric(response.getStatusCode() < 300 ? "Accepted" : "Rejected");
    try {
      LAMBDA_EVENTS.writeValue(output, response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What SnapStart snapshots warm: request and response mapping, signature code, sanitizer, record read. */
  void warmUp() {
    AuditLog silent = new AuditLog(NAME, "priming", line -> { }, Clock.systemUTC());
    try {
      APIGatewayV2HTTPEvent request = LAMBDA_EVENTS.readValue(PRIMING_REQUEST, APIGatewayV2HTTPEvent.class);
      LAMBDA_EVENTS.writeValue(OutputStream.nullOutputStream(), endpoint.handle(request, silent));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    WebhookSignature.problem("priming", "2026-01-01T00:00:00Z", new byte[0], "x", Instant.EPOCH);
    publisher.warmUp();
  }
}
