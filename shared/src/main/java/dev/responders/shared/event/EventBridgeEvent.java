package dev.responders.shared.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The EventBridge envelope every rule-triggered handler receives. {@code detail} is kept as a
 * {@link FieldReader} so each handler reads its own detail shape with the same typed errors.
 */
public record EventBridgeEvent(
    String id,
    String detailType,
    String source,
    String account,
    String region,
    List<String> resources,
    FieldReader detail) {

  /** Validates the envelope; throws {@link dev.responders.shared.error.InvalidEventException} naming the field. */
  public static EventBridgeEvent parse(JsonNode json) {
    FieldReader root = FieldReader.root(json);
    return new EventBridgeEvent(
        root.text("id"),
        root.text("detail-type"),
        root.text("source"),
        root.text("account"),
        root.text("region"),
        root.texts("resources"),
        root.object("detail"));
  }
}
