package dev.responders.tools.template;

import java.util.Map;

/** Reading the plain values {@link TemplateReader} produces. */
final class TemplateValues {

  private TemplateValues() {
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  /** A one-key map whose key is an intrinsic function's name. */
  static boolean isIntrinsic(Object value) {
    return value instanceof Map<?, ?> map && map.size() == 1
        && map.keySet().iterator().next() instanceof String key && (key.equals("Ref") || key.startsWith("Fn::"));
  }

  /** The value as the string CloudFormation would pass on: numbers and booleans in their YAML spelling. */
  static String text(Object value, String where) {
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return String.valueOf(value);
    }
    throw new IllegalStateException(where + " needs a string, got " + value);
  }
}
