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
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;

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

  private final WebhookEndpoint endpoint;

  /** Used by Lambda: configuration and clients built once per container, at init. */
  public ZendeskWebhookHandler() {
    this(PublisherConfig.fromEnvironment(System.getenv()), PublisherClients.fromEnvironment(), Clock.systemUTC());
  }

  public ZendeskWebhookHandler(PublisherConfig config, PublisherClients clients, Clock clock) {
    CredentialsSource credentials = clients.credentials(config, clock);
    this.endpoint = new WebhookEndpoint(clients.publisher(config, credentials, clock), credentials, clock);
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
    APIGatewayV2HTTPResponse response = endpoint.handle(request, AuditLog.toStandardOutput(NAME, requestId));
    try {
      LAMBDA_EVENTS.writeValue(output, response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
