package dev.responders.zendesk;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.event.EventBridgeEvent;
import dev.responders.shared.json.Json;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Optional;

/**
 * Entry point for Zendesk partner events ({@code Support Ticket: Comment Created} on the partner event bus):
 * parse, publish the ticket's article once, return what was done. A malformed event raises
 * {@link dev.responders.shared.error.InvalidEventException} before any call; an out-of-scope one returns
 * {@code status: SKIPPED} with the reason. A Zendesk outage or refusal fails the invocation (retried, then kept in
 * the failure queue with its error).
 */
public final class ZendeskArticlePublisherHandler implements RequestStreamHandler {

  static final String NAME = "zendesk-article-publisher";

  private final ArticlePublisher publisher;

  /** Used by Lambda: configuration and clients built once per container, at init. */
  public ZendeskArticlePublisherHandler() {
    this(PublisherConfig.fromEnvironment(System.getenv()), PublisherClients.fromEnvironment(), Clock.systemUTC());
  }

  public ZendeskArticlePublisherHandler(PublisherConfig config, PublisherClients clients, Clock clock) {
    this.publisher = clients.publisher(config, clients.credentials(config, clock), clock);
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) {
    JsonNode json = Json.readEvent(input);
    EventBridgeEvent envelope = EventBridgeEvent.parse(json);
    AuditLog audit = AuditLog.toStandardOutput(NAME, envelope.id());
    Optional<String> foreign = TicketCommentEvent.notACommentEvent(envelope);
    if (foreign.isPresent()) {
      audit.decision("skip", envelope.source(), foreign.get());
      Json.write(output, PublishResult.skipped(null, foreign.get()));
      return;
    }
    Json.write(output, publisher.publish(TicketCommentEvent.fromPartnerEvent(envelope, json), audit));
  }
}
