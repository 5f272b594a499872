package dev.responders.tools.template;

import static dev.responders.tools.template.TemplateValues.text;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The Conditions section: named conditions and the condition functions Fn::Equals, Fn::Not, Fn::And
 * (the ones template.yaml uses). */
final class TemplateConditions {

  private final Map<String, Object> conditions;
  private final UnaryOperator<Object> resolve;
  private final Map<String, Boolean> values = new HashMap<>();
  private final Deque<String> evaluating = new ArrayDeque<>();

  TemplateConditions(Map<String, Object> conditions, UnaryOperator<Object> resolve) {
    this.conditions = conditions;
    this.resolve = resolve;
  }

  /** A condition's name, {@code {"Condition": name}}, or a condition function. */
  boolean holds(Object expression) {
    if (expression instanceof Boolean value) {
      return value;
    }
    if (expression instanceof String name) {
      return named(name);
    }
    Map<?, ?> map = expression instanceof Map<?, ?> m && m.size() == 1 ? m : Map.of();
    if (map.get("Condition") instanceof String name) {
      return named(name);
    }
    String function = map.isEmpty() ? "" : String.valueOf(map.keySet().iterator().next());
    List<?> args = map.isEmpty() ? List.of() : arguments(function, map.get(function));
    return switch (function) {
      case "Fn::Equals" -> text(resolve.apply(args.get(0)), function)
          .equals(text(resolve.apply(args.get(1)), function));
      case "Fn::Not" -> !holds(args.get(0));
      case "Fn::And" -> args.stream().allMatch(this::holds);
      default -> throw new IllegalStateException("not a condition: " + expression);
    };
  }

  private boolean named(String name) {
    Boolean known = values.get(name);
    if (known != null) {
      return known;
    }
    if (!conditions.containsKey(name)) {
      throw new IllegalStateException("no condition named " + name);
    }
    if (evaluating.contains(name)) {
      throw new IllegalStateException("condition " + name + " depends on itself: " + evaluating);
    }
    evaluating.push(name);
    try {
      boolean value = holds(conditions.get(name));
      values.put(name, value);
      return value;
    } finally {
      evaluating.pop();
    }
  }

  private static List<?> arguments(String function, Object argument) {
    int minimum = function.equals("Fn::Equals") ? 2 : 1;
    if (!(argument instanceof List<?> list) || list.size() < minimum) {
      throw new IllegalStateException(function + " needs a list of at least " + minimum + " items, got " + argument);
    }
    return list;
  }
}
