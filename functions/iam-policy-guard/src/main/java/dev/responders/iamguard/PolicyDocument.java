package dev.responders.iamguard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.shared.json.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An IAM policy document reduced to what it allows: each statement's effect and its {@code Action} or
 * {@code NotAction} patterns. Resources and conditions are not read: a statement that allows a restricted action on
 * any resource, under any condition, is enough to hold the policy for a person to judge.
 *
 * @param statements every statement, in the document's order
 */
record PolicyDocument(List<Statement> statements) {

  /**
   * One statement.
   *
   * @param index     its position in the document (0-based), as reported to the administrator
   * @param sid       its {@code Sid}, or null
   * @param allow     {@code Effect: Allow}; a Deny grants nothing
   * @param notAction true when the patterns are {@code NotAction}: the statement grants every action but those
   * @param patterns  its {@code Action} (or {@code NotAction}) patterns, a single string read as a list of one
   */
  record Statement(int index, String sid, boolean allow, boolean notAction, List<ActionPattern> patterns) {
  }

  /** The document as IAM returns it from GetPolicyVersion: URL-encoded JSON. */
  static PolicyDocument fromIam(String urlEncoded) {
    return parse(URLDecoder.decode(urlEncoded, StandardCharsets.UTF_8));
  }

  /**
   * Parses a policy document; a document the guard cannot read is refused (it is then held, never passed).
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  static PolicyDocument parse(String json) {
    JsonNode root;
    try {
      root = Json.read(json, JsonNode.class);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the policy document is not JSON");
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("the policy document is not a JSON object");
    }
    JsonNode statement = root.get("Statement");
    List<JsonNode> items = new ArrayList<>();
    if (statement != null && statement.isArray()) {
      statement.forEach(items::add);
    } else if (statement != null && statement.isObject()) {
      items.add(statement);
    } else {
      throw new IllegalArgumentException("Statement must be an object or an array of objects");
    }
    List<Statement> statements = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      statements.add(statement(i, items.get(i)));
    }
    return new PolicyDocument(List.copyOf(statements));
  }

  private static Statement statement(int index, JsonNode node) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("Statement[" + index + "] is not an object");
    }
    JsonNode effect = node.get("Effect");
    if (effect == null || !effect.isTextual()) {
      throw new IllegalArgumentException("Statement[" + index + "].Effect is missing");
    }
    boolean notAction = node.has("NotAction");
    JsonNode actions = notAction ? node.get("NotAction") : node.get("Action");
    if (actions == null || notAction && node.has("Action")) {
      throw new IllegalArgumentException("Statement[" + index + "] must have exactly one of Action and NotAction");
    }
    List<ActionPattern> patterns = new ArrayList<>();
    if (actions.isTextual()) {
      patterns.add(ActionPattern.of(actions.asText()));
    } else if (actions.isArray()) {
      for (JsonNode action : actions) {
        if (!action.isTextual()) {
          throw new IllegalArgumentException("Statement[" + index + "] has an action that is not a string");
        }
        patterns.add(ActionPattern.of(action.asText()));
      }
    } else {
      throw new IllegalArgumentException("Statement[" + index + "]." + (notAction ? "NotAction" : "Action")
          + " must be a string or a list of strings");
    }
    String sid = Optional.ofNullable(node.get("Sid")).filter(JsonNode::isTextual).map(JsonNode::asText).orElse(null);
    return new Statement(index, sid, "allow".equalsIgnoreCase(effect.asText().strip()), notAction,
        List.copyOf(patterns));
  }
}
