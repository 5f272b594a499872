package dev.responders.tools.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The value of each template parameter for one deploy: its override, else its default, checked against
 * AllowedValues and AllowedPattern as CloudFormation would.
 */
final class TemplateParameters {

  private final Map<String, String> values;
  private final Map<String, Boolean> listTyped;

  private TemplateParameters(Map<String, String> values, Map<String, Boolean> listTyped) {
    this.values = values;
    this.listTyped = listTyped;
  }

  static TemplateParameters of(Map<String, Object> declarations, Map<String, String> overrides) {
    List<String> unknown = overrides.keySet().stream().filter(name -> !declarations.containsKey(name)).toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("no such parameter in the template: " + unknown
          + " (declared: " + declarations.keySet() + ")");
    }
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, Boolean> listTyped = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    declarations.forEach((name, raw) -> {
      Map<?, ?> declaration = raw instanceof Map<?, ?> map ? map : Map.of();
      listTyped.put(name, isListType(declaration));
      Object chosen = overrides.containsKey(name) ? overrides.get(name) : declaration.get("Default");
      if (chosen == null) {
        return;
      }
      String value = String.valueOf(chosen);
      check(name, value, declaration).ifPresent(problems::add);
      values.put(name, value);
    });
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return new TemplateParameters(Collections.unmodifiableMap(values), listTyped);
  }

  private static Optional<String> check(String name, String value, Map<?, ?> declaration) {
    if (declaration.get("AllowedValues") instanceof List<?> allowed
        && allowed.stream().map(String::valueOf).noneMatch(value::equals)) {
      return Optional.of(name + "=" + value + " is not one of " + allowed);
    }
    if (declaration.get("AllowedPattern") instanceof String pattern && !isListType(declaration)
        && !Pattern.compile(pattern).matcher(value).matches()) {
      return Optional.of(name + "=" + value + " does not match AllowedPattern " + pattern);
    }
    return Optional.empty();
  }

  private static boolean isListType(Map<?, ?> declaration) {
    String type = String.valueOf(declaration.get("Type"));
    return type.equals("CommaDelimitedList") || type.startsWith("List<");
  }

  boolean declares(String name) {
    return listTyped.containsKey(name);
  }

  /** What {@code Ref} returns: a string, or a list of strings for list-typed parameters. */
  Object ref(String name) {
    String value = values.get(name);
    if (value == null) {
      throw new IllegalStateException("parameter " + name + " has no default and no override");
    }
    if (listTyped.get(name)) {
      return value.isEmpty() ? List.of() : List.of(value.split("\\s*,\\s*"));
    }
    return value;
  }

  Map<String, String> values() {
    return values;
  }
}
