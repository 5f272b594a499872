package dev.responders.zendesk;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.error.InvalidEventException;
import dev.responders.shared.error.NotificationFailedException;
import dev.responders.shared.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The function URL's side of a Zendesk webhook: only a POST whose body is at most {@link #MAX_BODY_BYTES} (else
 * 413) and whose signature is valid and fresh (else 401) reaches the publisher. Its outcome maps to what Zendesk
 * understands: 200 done (or nothing to do), 400 a signed body that is not a comment event, 409 the ticket is being
 * published by another delivery (Zendesk retries 409), 422 Zendesk's API refused a request (retrying cannot help),
 * 503 with Retry-After when Zendesk's API or AWS is unavailable or rate limiting.
 */
final class WebhookEndpoint {

  static final int MAX_BODY_BYTES = 256 * 1024;
  static final String SIGNATURE = "x-zendesk-webhook-signature";
  static final String TIMESTAMP = "x-zendesk-webhook-signature-timestamp";
  /** Zendesk retries a 503 only when Retry-After is under a minute. */
  static final int AWS_RETRY_AFTER_SECONDS = 30;

  private final ArticlePublisher publisher;
  private final CredentialsSource credentials;
  private final Clock clock;

  WebhookEndpoint(ArticlePublisher publisher, CredentialsSource credentials, Clock clock) {
    this.publisher = publisher;
    this.credentials = credentials;
    this.clock = clock;
  }

  APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent request, AuditLog audit) {
    String method = request.getRequestContext() == null || request.getRequestContext().getHttp() == null ? ""
        : request.getRequestContext().getHttp().getMethod();
    if (!"POST".equalsIgnoreCase(method)) {
      return reject(audit, 405, "method " + method + " is not POST");
    }
    byte[] body = body(request);
    if (body == null) {
      return reject(audit, 400, "body is not valid base64");
    }
    if (body.length > MAX_BODY_BYTES) {
      return reject(audit, 413, "body of " + body.length + " bytes is over " + MAX_BODY_BYTES);
    }
    try {
      return verifyAndPublish(request, body, audit);
    } catch (SdkException e) {
      // Secrets Manager or SSM failed after the SDK's retries: nothing was created without its record, so
      // Zendesk's retry of the webhook is safe.
      audit.failed("publish", "webhook", null, e);
      return respond(503, error("AWS is unavailable: " + e.getClass().getSimpleName()),
          Map.of("Retry-After", String.valueOf(AWS_RETRY_AFTER_SECONDS)));
    }
  }

  private APIGatewayV2HTTPResponse verifyAndPublish(APIGatewayV2HTTPEvent request, byte[] body, AuditLog audit) {
    String signingSecret = credentials.get().webhookSigningSecret();
    if (signingSecret == null) {
      throw new ZendeskSecretException(credentials.secretName(), List.of(
          "webhookSigningSecret is missing: the webhook cannot be verified"));
    }
    Optional<String> forged = WebhookSignature.problem(signingSecret, header(request, TIMESTAMP), body,
        header(request, SIGNATURE), clock.instant());
    if (forged.isPresent()) {
      return reject(audit, 401, forged.get());
    }
    TicketCommentEvent event;
    try {
      JsonNode json = Json.read(new String(body, StandardCharsets.UTF_8), JsonNode.class);
      event = TicketCommentEvent.fromWebhook(json);
    } catch (IllegalArgumentException notJson) {
      return reject(audit, 400, "body is not JSON");
    } catch (InvalidEventException e) {
      return reject(audit, 400, e.getMessage());
    }
    try {
      return respond(200, Json.write(publisher.publish(event, audit)), Map.of());
    } catch (NotificationFailedException e) {
      // The article exists; Zendesk's retry finds it and sends the notification still owed.
      return respond(503, error(e.getMessage()), Map.of("Retry-After", String.valueOf(AWS_RETRY_AFTER_SECONDS)));
    } catch (PublishInProgressException e) {
      return respond(409, error(e.getMessage()), Map.of());
    } catch (ZendeskApiException e) {
      return respond(422, error(e.getMessage()), Map.of());
    } catch (ZendeskUnavailableException e) {
      return respond(503, error(e.getMessage()),
          Map.of("Retry-After", String.valueOf(Math.max(1, e.retryAfter().toSeconds()))));
    }
  }

  private static APIGatewayV2HTTPResponse reject(AuditLog audit, int status, String why) {
    audit.decision("reject", "webhook", status + ": " + why);
    return respond(status, error(status == 401 ? "invalid signature" : why), Map.of());
  }

  private static byte[] body(APIGatewayV2HTTPEvent request) {
    String body = request.getBody() == null ? "" : request.getBody();
    if (!request.getIsBase64Encoded()) {
      return body.getBytes(StandardCharsets.UTF_8);
    }
    try {
      return Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Function URLs lower-case header names; looked up without regard to case all the same. */
  private static String header(APIGatewayV2HTTPEvent request, String name) {
    if (request.getHeaders() == null) {
      return null;
    }
    return request.getHeaders().entrySet().stream()
        .filter(e -> e.getKey() != null && e.getKey().toLowerCase(Locale.ROOT).equals(name))
        .map(Map.Entry::getValue).findFirst().orElse(null);
  }

  private static String error(String message) {
    return Json.write(Map.of("error", message));
  }

  private static APIGatewayV2HTTPResponse respond(int status, String body, Map<String, String> headers) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("Content-Type", "application/json");
    return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(all).withBody(body).build();
  }
}
