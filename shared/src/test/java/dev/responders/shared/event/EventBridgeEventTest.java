package dev.responders.shared.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responders.shared.error.InvalidEventException;
import dev.responders.shared.json.Json;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventBridgeEventTest {

  private static final String EVENT = """
      {"version":"0","id":"e-1","detail-type":"Tag Change on Resource","source":"aws.tag",
       "account":"123456789012","time":"2026-11-26T10:00:00Z","region":"us-east-1",
       "resources":["arn:aws:ec2:us-east-1:123456789012:instance/i-1"],
       "detail":{"service":"ec2","changed-tag-keys":["A"],"tags":{"A":"1","B":"2"}}}
      """;

  @Test
  void readsTheEnvelopeAndTypedDetailFields() {
    EventBridgeEvent event = EventBridgeEvent.parse(read(EVENT));

    assertThat(event.id()).isEqualTo("e-1");
    assertThat(event.detailType()).isEqualTo("Tag Change on Resource");
    assertThat(event.resources()).containsExactly("arn:aws:ec2:us-east-1:123456789012:instance/i-1");
    assertThat(event.detail().texts("changed-tag-keys")).containsExactly("A");
    assertThat(event.detail().textMap("tags")).containsExactly(
        java.util.Map.entry("A", "1"), java.util.Map.entry("B", "2"));
  }

  @Test
  void namesAMissingEnvelopeField() {
    assertThatThrownBy(() -> EventBridgeEvent.parse(mutate(e -> e.remove("detail"))))
        .isInstanceOf(InvalidEventException.class)
        .hasMessage("Invalid event: detail is missing")
        .extracting(e -> ((InvalidEventException) e).field()).isEqualTo("detail");
  }

  @Test
  void namesTheNestedPathOfAWronglyTypedValue() {
    JsonNode bad = mutate(e -> ((ObjectNode) e.get("detail").get("tags")).put("B", 7));
    EventBridgeEvent event = EventBridgeEvent.parse(bad);

    assertThatThrownBy(() -> event.detail().textMap("tags"))
        .isInstanceOf(InvalidEventException.class)
        .hasMessage("Invalid event: detail.tags.B must be a string, got a number");
  }

  @Test
  void namesTheIndexOfABadArrayItem() {
    JsonNode bad = mutate(e -> ((ObjectNode) e).putArray("resources").add(true));
    assertThatThrownBy(() -> EventBridgeEvent.parse(bad))
        .hasMessage("Invalid event: resources[0] must be a string, got a boolean");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "[1,2]", "\"text\"", "{\"id\": ", "null"})
  void rejectsInputThatIsNotOneJsonObject(String input) {
    assertThatThrownBy(() -> Json.readEvent(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(InvalidEventException.class)
        .extracting(e -> ((InvalidEventException) e).field()).isEqualTo("$");
  }

  private static JsonNode read(String json) {
    return Json.readEvent(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  private static JsonNode mutate(Consumer<ObjectNode> change) {
    ObjectNode node = (ObjectNode) read(EVENT);
    change.accept(node);
    return node;
  }
}
