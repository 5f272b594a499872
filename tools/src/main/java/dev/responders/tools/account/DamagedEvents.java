package dev.responders.tools.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Every damaged form of a sample event, for the robustness tests of the handlers' parsers: each field replaced by
 * a value of every wrong type, each field removed. A parser must read each one or reject it with a typed error
 * naming a field, never fail with a NullPointerException or a ClassCastException.
 */
public final class DamagedEvents {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The wrong values every field is replaced by in turn. */
  public static final List<JsonNode> WRONG_VALUES = List.of(NODES.nullNode(), NODES.numberNode(7),
      NODES.booleanNode(true), NODES.textNode(""), NODES.textNode("x"), NODES.arrayNode(), NODES.objectNode(),
      NODES.arrayNode().add(NODES.numberNode(1)));

  private DamagedEvents() {
  }

  /** One damaged copy: the dotted path changed ({@code detail.tags.0}), and the document after the change. */
  public record Damaged(String path, boolean removed, ObjectNode document) {
  }

  /** Every field's dotted path, array indexes as numbers: {@code resources.0}, {@code detail.tags.Name}. */
  public static List<String> paths(JsonNode document) {
    List<String> paths = new ArrayList<>();
    collect(document, "", paths);
    return paths;
  }

  /**
   * Every field replaced by each of {@link #WRONG_VALUES}, and, when {@code alsoRemoved}, every field removed.
   */
  public static List<Damaged> wrongTypes(ObjectNode original, boolean alsoRemoved) {
    List<Damaged> damaged = new ArrayList<>();
    for (String path : paths(original)) {
      for (JsonNode wrong : WRONG_VALUES) {
        ObjectNode copy = original.deepCopy();
        replace(copy, path, wrong);
        damaged.add(new Damaged(path, false, copy));
      }
      if (alsoRemoved) {
        ObjectNode copy = original.deepCopy();
        replace(copy, path, null);
        damaged.add(new Damaged(path, true, copy));
      }
    }
    return damaged;
  }

  private static void collect(JsonNode node, String prefix, List<String> paths) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
        paths.add(path);
        collect(field.getValue(), path, paths);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String path = prefix + "." + i;
        paths.add(path);
        collect(node.get(i), path, paths);
      }
    }
  }

  /** Replaces (or with null removes) the value at a dotted path. */
  private static void replace(ObjectNode root, String path, JsonNode value) {
    String[] parts = path.split("\\.");
    JsonNode parent = root;
    for (int i = 0; i < parts.length - 1; i++) {
      parent = parent.isArray() ? parent.get(Integer.parseInt(parts[i])) : parent.get(parts[i]);
    }
    String last = parts[parts.length - 1];
    if (parent instanceof ArrayNode array) {
      int index = Integer.parseInt(last);
      if (value == null) {
        array.remove(index);
      } else {
        array.set(index, value);
      }
    } else if (value == null) {
      ((ObjectNode) parent).remove(last);
    } else {
      ((ObjectNode) parent).set(last, value);
    }
  }
}
