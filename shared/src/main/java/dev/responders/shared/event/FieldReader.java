package dev.responders.shared.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.shared.error.InvalidEventException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed access to one JSON object of an event, naming the full path of any field that is missing or of the
 * wrong type in the {@link InvalidEventException} it throws.
 */
public final class FieldReader {

  private final JsonNode node;
  private final String path;

  private FieldReader(JsonNode node, String path) {
    this.node = node;
    this.path = path;
  }

  public static FieldReader root(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new InvalidEventException("$", "must be a JSON object");
    }
    return new FieldReader(node, "");
  }

  /**
   * A reader for an object found at {@code path} of a larger event (a JSON document carried inside a string
   * field, such as an SNS message), so errors name the full path, e.g. {@code Records[0].Sns.Message.state}.
   */
  public static FieldReader at(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw new InvalidEventException(path, "must be a JSON object");
    }
    return new FieldReader(node, path);
  }

  public String text(String name) {
    JsonNode value = present(name);
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new InvalidEventException(pathOf(name), "must be a non-empty string, got " + describe(value));
    }
    return value.asText();
  }

  /** Whether the field is present and not null. */
  public boolean has(String name) {
    JsonNode value = node.get(name);
    return value != null && !value.isNull();
  }

  /** A string field that may be absent or null; present, it must be a non-empty string. */
  public Optional<String> optionalText(String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(text(name));
  }

  /**
   * A flag that may be absent or null (then empty); present, it must be a JSON boolean or the string
   * {@code true} / {@code false} (CloudTrail writes request parameters either way).
   */
  public Optional<Boolean> optionalBoolean(String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (value.isBoolean()) {
      return Optional.of(value.asBoolean());
    }
    if (value.isTextual() && value.asText().matches("true|false")) {
      return Optional.of(Boolean.parseBoolean(value.asText()));
    }
    throw new InvalidEventException(pathOf(name), "must be true or false, got " + describe(value));
  }

  /** A whole number, written as a JSON number or as a string of digits. */
  public long integer(String name) {
    JsonNode value = present(name);
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return value.asLong();
    }
    if (value.isTextual() && value.asText().matches("-?[0-9]{1,18}")) {
      return Long.parseLong(value.asText());
    }
    throw new InvalidEventException(pathOf(name), "must be a whole number, got " + describe(value));
  }

  /** An array whose every item is an object, each read with its index in the path ({@code amis[1].image}). */
  public List<FieldReader> objects(String name) {
    JsonNode value = present(name);
    if (!value.isArray()) {
      throw new InvalidEventException(pathOf(name), "must be an array of objects, got " + describe(value));
    }
    List<FieldReader> result = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      String itemPath = pathOf(name) + "[" + i + "]";
      if (!item.isObject()) {
        throw new InvalidEventException(itemPath, "must be an object, got " + describe(item));
      }
      result.add(new FieldReader(item, itemPath));
    }
    return List.copyOf(result);
  }

  public FieldReader object(String name) {
    JsonNode value = present(name);
    if (!value.isObject()) {
      throw new InvalidEventException(pathOf(name), "must be an object, got " + describe(value));
    }
    return new FieldReader(value, pathOf(name));
  }

  public List<String> texts(String name) {
    JsonNode value = present(name);
    if (!value.isArray()) {
      throw new InvalidEventException(pathOf(name), "must be an array of strings, got " + describe(value));
    }
    List<String> result = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      if (!item.isTextual()) {
        throw new InvalidEventException(pathOf(name) + "[" + i + "]", "must be a string, got " + describe(item));
      }
      result.add(item.asText());
    }
    return List.copyOf(result);
  }

  /** An object whose every value is a string, such as a tag map. Keeps the event's order. */
  public Map<String, String> textMap(String name) {
    FieldReader object = object(name);
    Map<String, String> result = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (!entry.getValue().isTextual()) {
        throw new InvalidEventException(object.path + "." + entry.getKey(),
            "must be a string, got " + describe(entry.getValue()));
      }
      result.put(entry.getKey(), entry.getValue().asText());
    }
    return result;
  }

  public String path() {
    return path.isEmpty() ? "$" : path;
  }

  private JsonNode present(String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      throw new InvalidEventException(pathOf(name), "is missing");
    }
    return value;
  }

  /** The path of a field of this object, for errors a caller raises about its value. */
  public String pathOf(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private static String describe(JsonNode value) {
    return switch (value.getNodeType()) {
      case STRING -> value.asText().isBlank() ? "an empty string" : "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      default -> value.getNodeType().name().toLowerCase();
    };
  }
}
