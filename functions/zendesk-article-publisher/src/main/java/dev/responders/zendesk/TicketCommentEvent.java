package dev.responders.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.shared.error.InvalidEventException;
import dev.responders.shared.event.EventBridgeEvent;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A comment added to a Zendesk ticket, from either input, reduced to what publishing needs.
 *
 * @param origin      which input delivered it
 * @param eventId     the delivery's id (EventBridge event id, Zendesk webhook event id): who claims the ticket
 * @param ticketId    the ticket the comment was added to
 * @param status      the ticket's status as the event saw it, lower case
 * @param tags        the ticket's tags as the event saw them
 * @param commentId   the comment
 * @param commentPublic whether the requester can see it (a private note is never published)
 * @param authorStaff whether an agent or admin wrote it
 */
public record TicketCommentEvent(
    Origin origin,
    String eventId,
    long ticketId,
    String status,
    List<String> tags,
    long commentId,
    boolean commentPublic,
    boolean authorStaff) {

  /** The two ways a comment reaches the publisher. */
  public enum Origin { PARTNER_EVENT_BUS, WEBHOOK }

  static final String PARTNER_SOURCE_PREFIX = "aws.partner/zendesk.com/";
  static final String DETAIL_TYPE = "Support Ticket: Comment Created";
  static final String WEBHOOK_TYPE = "zen:event-type:ticket.comment_added";

  public TicketCommentEvent {
    tags = List.copyOf(tags);
    status = status.toLowerCase(Locale.ROOT);
  }

  /** Why a well-formed EventBridge event is no Zendesk comment (another rule routed it here), or empty. */
  public static Optional<String> notACommentEvent(EventBridgeEvent envelope) {
    if (!envelope.source().startsWith(PARTNER_SOURCE_PREFIX)) {
      return Optional.of("source " + envelope.source() + " is not Zendesk's partner source ("
          + PARTNER_SOURCE_PREFIX + "...)");
    }
    if (!DETAIL_TYPE.equals(envelope.detailType())) {
      return Optional.of("event is '" + envelope.detailType() + "', not '" + DETAIL_TYPE + "'");
    }
    return Optional.empty();
  }

  /**
   * {@code detail.ticket_event} of a partner event ({@code json}, whose envelope {@code envelope} has been
   * validated): {@code comment {id, is_public, author {is_staff}}, ticket {id, status, tags}}.
   */
  public static TicketCommentEvent fromPartnerEvent(EventBridgeEvent envelope, JsonNode json) {
    String base = "detail.ticket_event.";
    JsonNode ticketEvent = JsonFields.object(json.get("detail"), "detail.", "ticket_event");
    JsonNode comment = JsonFields.object(ticketEvent, base, "comment");
    JsonNode author = JsonFields.object(comment, base + "comment.", "author");
    JsonNode ticket = JsonFields.object(ticketEvent, base, "ticket");
    return new TicketCommentEvent(Origin.PARTNER_EVENT_BUS, envelope.id(),
        JsonFields.id(ticket, base + "ticket.", "id"),
        JsonFields.text(ticket, base + "ticket.", "status"),
        JsonFields.texts(ticket, base + "ticket.", "tags"),
        JsonFields.id(comment, base + "comment.", "id"),
        JsonFields.bool(comment, base + "comment.", "is_public"),
        JsonFields.bool(author, base + "comment.author.", "is_staff"));
  }

  /**
   * The body of a Zendesk {@code zen:event-type:ticket.comment_added} webhook: {@code id}, {@code detail} (the
   * ticket: id, status, tags) and {@code event.comment {id, is_public, author {is_staff}}}.
   */
  public static TicketCommentEvent fromWebhook(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new InvalidEventException("$", "must be a JSON object");
    }
    String type = JsonFields.text(body, "", "type");
    if (!WEBHOOK_TYPE.equals(type)) {
      throw new InvalidEventException("type", "must be " + WEBHOOK_TYPE + ", got '" + type + "'");
    }
    JsonNode detail = JsonFields.object(body, "", "detail");
    JsonNode event = JsonFields.object(body, "", "event");
    JsonNode comment = JsonFields.object(event, "event.", "comment");
    JsonNode author = JsonFields.object(comment, "event.comment.", "author");
    return new TicketCommentEvent(Origin.WEBHOOK, JsonFields.text(body, "", "id"),
        JsonFields.id(detail, "detail.", "id"),
        JsonFields.text(detail, "detail.", "status"),
        JsonFields.texts(detail, "detail.", "tags"),
        JsonFields.id(comment, "event.comment.", "id"),
        JsonFields.bool(comment, "event.comment.", "is_public"),
        JsonFields.bool(author, "event.comment.author.", "is_staff"));
  }

  /** Why this comment is not one to publish, or empty when it is. Checked again on the ticket as Zendesk has it. */
  public Optional<String> outOfScopeReason(PublisherConfig config) {
    if (!commentPublic) {
      return Optional.of("comment " + commentId + " is a private note");
    }
    if (!authorStaff) {
      return Optional.of("comment " + commentId + " was not written by an agent");
    }
    return TicketScope.outOfScopeReason(ticketId, status, tags, config);
  }
}
