package dev.responders.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responders.shared.error.InvalidEventException;
import dev.responders.shared.event.EventBridgeEvent;
import dev.responders.shared.json.Json;
import dev.responders.tools.account.SampleEvents;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Both inputs read into one comment event; every damaged form is a typed error naming the field. */
class TicketCommentEventTest {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<JsonNode> WRONG_VALUES = List.of(NODES.nullNode(), NODES.numberNode(-7),
      NODES.booleanNode(true), NODES.textNode(""), NODES.textNode("x"), NODES.arrayNode(), NODES.objectNode());
  private static final String PARTNER = SampleEvents.read("zendesk-article-publisher",
      "match/agent-answer-on-solved-ticket.json");

  @Test
  void readsAPartnerEvent() {
    TicketCommentEvent event = partner(PARTNER);

    assertThat(event).isEqualTo(new TicketCommentEvent(TicketCommentEvent.Origin.PARTNER_EVENT_BUS,
        "3b1c2f4e-6a7d-4c1e-9f0a-2d5e8b7c6a01", 35436, "solved", List.of("guide", "two_factor", "web_widget"),
        900000001002L, true, true));
    assertThat(event.outOfScopeReason(PublisherFixture.CONFIG)).isEmpty();
  }

  @Test
  void readsAWebhookWhoseIdsAreStringsAndStatusUpperCase() {
    TicketCommentEvent event = TicketCommentEvent.fromWebhook(
        Json.read(PublisherFixture.sampleWebhookBody(), JsonNode.class));

    assertThat(event.origin()).isEqualTo(TicketCommentEvent.Origin.WEBHOOK);
    assertThat(event.eventId()).isEqualTo("01JDQ7X9V6C8M3T2K5N4P1R0SA");
    assertThat(event.ticketId()).isEqualTo(35436);
    assertThat(event.status()).isEqualTo("solved");
    assertThat(event.commentId()).isEqualTo(900000001002L);
    assertThat(event.outOfScopeReason(PublisherFixture.CONFIG)).isEmpty();
  }

  @Test
  void everyRequiredTagMustBePresentNotJustOne() {
    PublisherConfig three = new PublisherConfig("s", 1, 2, null, List.of("web_widget", "guide", "faq"), true,
        "en-us", "/p", PublisherFixture.CONFIG.scope());

    assertThat(partner(PARTNER).outOfScopeReason(three))
        .contains("ticket 35436 lacks the required tag(s) [faq] (has [guide, two_factor, web_widget])");
  }

  @Test
  void aWebhookOfAnotherEventTypeIsRejectedNamingTheType() {
    ObjectNode body = (ObjectNode) Json.read(PublisherFixture.sampleWebhookBody(), JsonNode.class);
    body.put("type", "zen:event-type:ticket.status_changed");

    assertThatThrownBy(() -> TicketCommentEvent.fromWebhook(body)).isInstanceOfSatisfying(
        InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("type"));
  }

  @Test
  void anotherSourceOrDetailTypeIsNoCommentEvent() {
    EventBridgeEvent other = EventBridgeEvent.parse(Json.read(SampleEvents.read("zendesk-article-publisher",
        "no-match/status-changed.json"), JsonNode.class));

    EventBridgeEvent foreign = EventBridgeEvent.parse(Json.read(SampleEvents.read("zendesk-article-publisher",
        "no-match/other-partner.json"), JsonNode.class));

    assertThat(TicketCommentEvent.notACommentEvent(other))
        .contains("event is 'Support Ticket: Status Changed', not 'Support Ticket: Comment Created'");
    assertThat(TicketCommentEvent.notACommentEvent(foreign)).contains("source aws.partner/example.com/1234/default"
        + " is not Zendesk's partner source (aws.partner/zendesk.com/...)");
  }

  @Test
  void everyTruncationOfAPartnerEventIsATypedError() {
    byte[] bytes = PARTNER.getBytes(StandardCharsets.UTF_8);
    for (int length = 0; length < bytes.length - 2; length += 7) {
      String truncated = new String(bytes, 0, length, StandardCharsets.UTF_8);
      assertThat(catchThrowable(() -> partner(truncated))).as("truncated at %d", length)
          .isInstanceOf(InvalidEventException.class);
    }
  }

  @Test
  void everyTruncationOfAWebhookBodyIsRefusedAsNotJsonOrATypedError() {
    String body = PublisherFixture.sampleWebhookBody();
    for (int length = 0; length < body.length() - 1; length += 5) {
      String truncated = body.substring(0, length);
      Throwable thrown = catchThrowable(() -> TicketCommentEvent.fromWebhook(Json.read(truncated, JsonNode.class)));
      assertThat(thrown).as("truncated at %d", length).isInstanceOfAny(IllegalArgumentException.class,
          InvalidEventException.class);
    }
  }

  @Test
  void everyFieldTheEventNeedsReplacedOrRemovedIsATypedErrorNamingIt() {
    Map<String, String> needed = Map.of(
        "detail.ticket_event.ticket.id", "detail.ticket_event.ticket.id",
        "detail.ticket_event.ticket.status", "detail.ticket_event.ticket.status",
        "detail.ticket_event.ticket.tags", "detail.ticket_event.ticket.tags",
        "detail.ticket_event.comment.id", "detail.ticket_event.comment.id",
        "detail.ticket_event.comment.is_public", "detail.ticket_event.comment.is_public",
        "detail.ticket_event.comment.author.is_staff", "detail.ticket_event.comment.author.is_staff",
        "detail.ticket_event.comment.author", "detail.ticket_event.comment.author");
    ObjectNode original = (ObjectNode) Json.read(PARTNER, JsonNode.class);
    needed.forEach((path, field) -> {
      List<JsonNode> replacements = new ArrayList<>(WRONG_VALUES);
      replacements.add(null);
      for (JsonNode wrong : replacements) {
        ObjectNode mutated = original.deepCopy();
        replace(mutated, path, wrong);
        Throwable thrown = catchThrowable(() -> partner(mutated.toString()));
        if (thrown == null) {
          // Only a value of the right type parses (an emptied tag list, another status, a flag), to be judged
          // in scope or not afterwards.
          assertThat(wrong).as("%s = %s parsed", path, wrong)
              .isIn(NODES.arrayNode(), NODES.booleanNode(true), NODES.textNode("x"));
          continue;
        }
        assertThat(thrown).as("%s = %s", path, wrong).isInstanceOfSatisfying(InvalidEventException.class,
            e -> assertThat(e.field()).startsWith(field));
      }
    });
  }

  private static TicketCommentEvent partner(String json) {
    JsonNode node = Json.readEvent(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    return TicketCommentEvent.fromPartnerEvent(EventBridgeEvent.parse(node), node);
  }

  private static void replace(ObjectNode root, String path, JsonNode value) {
    String[] parts = path.split("\\.");
    ObjectNode parent = root;
    for (int i = 0; i < parts.length - 1; i++) {
      parent = (ObjectNode) parent.get(parts[i]);
    }
    if (value == null) {
      parent.remove(parts[parts.length - 1]);
    } else {
      parent.set(parts[parts.length - 1], value);
    }
  }
}
