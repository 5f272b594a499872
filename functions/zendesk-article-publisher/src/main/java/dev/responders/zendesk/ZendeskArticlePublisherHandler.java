package dev.responders.zendesk;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.event.EventBridgeEvent;
import dev.responders.shared.json.Json;
import dev.responders.shared.snapstart.Priming;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/**
 * Entry point for Zendesk partner events ({@code Support Ticket: Comment Created} on the partner event bus):
 * parse, publish the ticket's article once, return what was done. A malformed event raises
 * {@link dev.responders.shared.error.InvalidEventException} before any call; an out-of-scope one returns
 * {@code status: skipped} with the reason. A Zendesk outage or refusal fails the invocation (retried, then kept in
 * the failure queue with its error).
 */
public final class ZendeskArticlePublisherHandler implements RequestStreamHandler {

  static final String NAME = "zendesk-article-publisher";

  /** A private note: parsing and answering it calls nothing. */
  private static final String PRIMING_EVENT = """
      {"version":"0","id":"priming","detail-type":"Support Ticket: Comment Created",
       "source":"aws.partner/zendesk.com/0/default","account":"000000000000","time":"2026-01-01T00:00:00Z",
       "region":"us-east-1","resources":[],"detail":{"ticket_event":{"type":"Comment Created",
       "comment":{"id":1,"is_public":false,"author":{"id":1,"is_staff":true}},
       "ticket":{"id":1,"status":"solved","tags":[]}}}}
      """;

  private final PublisherConfig config;
  private final ArticlePublisher publisher;
  /** Held only so CRaC, which keeps registered resources weakly, still finds it at checkpoint time. */
  private final Priming priming;

  /** Used by Lambda: configuration and clients built once per container, at init, then primed for SnapStart. */
  public ZendeskArticlePublisherHandler() {
    this(PublisherConfig.fromEnvironment(System.getenv()), PublisherClients.fromEnvironment(), Clock.systemUTC(),
        true);
  }

  public ZendeskArticlePublisherHandler(PublisherConfig config, PublisherClients clients, Clock clock) {
    this(config, clients, clock, false);
  }

  private ZendeskArticlePublisherHandler(PublisherConfig config, PublisherClients clients, Clock clock,
      boolean prime) {
    this.config = config;
    this.publisher = clients.publisher(config, clients.credentials(config, clock), clock);
    this.priming = prime ? Priming.register(this::warmUp) : null;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) {
    JsonNode json = Json.readEvent(input);
    EventBridgeEvent envelope = EventBridgeEvent.parse(json);
    AuditLog audit = AuditLog.toStandardOutput(NAME, envelope.id());
    Optional<String> foreign = TicketCommentEvent.notACommentEvent(envelope)
        .or(() -> config.scope().outsideReason(envelope.account(), envelope.region(), null));
    if (foreign.isPresent()) {
      audit.decision("skip", envelope.source(), foreign.get());
      audit.outcome(PublishResult.Status.SKIPPED);
      Json.write(output, PublishResult.skipped(null, foreign.get()));
      return;
    }
    TicketCommentEvent event = TicketCommentEvent.fromPartnerEvent(envelope, json);
    Json.write(output, audit.counted(() -> publisher.publish(event, audit), PublishResult::status));
  }

  /**
   * What SnapStart snapshots warm: the event path (a private note, so no call), the sanitizer and the record read
   * (of a ticket id Zendesk never assigns). The Zendesk secret is not read: it stays out of the snapshot.
   */
  void warmUp() {
    JsonNode json = Json.readEvent(new ByteArrayInputStream(PRIMING_EVENT.getBytes(StandardCharsets.UTF_8)));
    AuditLog silent = new AuditLog(NAME, "priming", line -> { }, Clock.systemUTC());
    Json.write(OutputStream.nullOutputStream(),
        publisher.publish(TicketCommentEvent.fromPartnerEvent(EventBridgeEvent.parse(json), json), silent));
    publisher.warmUp();
  }
}
