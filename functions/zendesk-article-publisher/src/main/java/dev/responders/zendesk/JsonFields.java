package dev.responders.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.shared.error.InvalidEventException;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of the Zendesk-specific fields {@link dev.responders.shared.event.FieldReader} does not cover
 * (ids that are numbers in partner events and strings in webhooks, booleans), naming the full path on error.
 */
final class JsonFields {

  private JsonFields() {
  }

  static JsonNode object(JsonNode parent, String path, String name) {
    JsonNode value = parent.get(name);
    if (value == null || value.isNull()) {
      throw new InvalidEventException(path + name, "is missing");
    }
    if (!value.isObject()) {
      throw new InvalidEventException(path + name, "must be an object");
    }
    return value;
  }

  /** A positive Zendesk id, written as a JSON number or a string of digits. */
  static long id(JsonNode parent, String path, String name) {
    JsonNode value = parent.get(name);
    if (value == null || value.isNull()) {
      throw new InvalidEventException(path + name, "is missing");
    }
    if (value.isIntegralNumber() && value.canConvertToLong() && value.asLong() > 0) {
      return value.asLong();
    }
    if (value.isTextual() && value.asText().matches("[0-9]{1,19}")) {
      try {
        long id = Long.parseLong(value.asText());
        if (id > 0) {
          return id;
        }
      } catch (NumberFormatException tooLarge) {
        // Reported below with the other malformed ids.
      }
    }
    throw new InvalidEventException(path + name, "must be a positive Zendesk id");
  }

  static boolean bool(JsonNode parent, String path, String name) {
    JsonNode value = parent.get(name);
    if (value == null || value.isNull()) {
      throw new InvalidEventException(path + name, "is missing");
    }
    if (!value.isBoolean()) {
      throw new InvalidEventException(path + name, "must be true or false");
    }
    return value.asBoolean();
  }

  static String text(JsonNode parent, String path, String name) {
    JsonNode value = parent.get(name);
    if (value == null || value.isNull()) {
      throw new InvalidEventException(path + name, "is missing");
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new InvalidEventException(path + name, "must be a non-empty string");
    }
    return value.asText();
  }

  static List<String> texts(JsonNode parent, String path, String name) {
    JsonNode value = parent.get(name);
    if (value == null || value.isNull()) {
      throw new InvalidEventException(path + name, "is missing");
    }
    if (!value.isArray()) {
      throw new InvalidEventException(path + name, "must be an array of strings");
    }
    List<String> result = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      if (!value.get(i).isTextual()) {
        throw new InvalidEventException(path + name + "[" + i + "]", "must be a string");
      }
      result.add(value.get(i).asText());
    }
    return List.copyOf(result);
  }
}
