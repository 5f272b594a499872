package dev.responders.glue;

import dev.responders.glue.HiveTypeParser.ParsedType;

/**
 * Rewrites {@code set<T>} to {@code array<T>} in a Hive type string, at any depth. Only the {@code set} keywords the
 * parser found are replaced; every other character (names, comments, white space, case) stays as it was, so the
 * catalog's text changes by exactly those tokens.
 */
public final class SetTypeRewriter {

  private static final String ARRAY = "array";
  private static final int SET_LENGTH = "set".length();

  private SetTypeRewriter() {
  }

  /**
   * The type with every set as an array; {@code type} itself when there is none.
   *
   * @throws HiveTypeSyntaxException when {@code type} is no Hive type string
   */
  public static String rewrite(String type) {
    ParsedType parsed = HiveTypeParser.parse(type);
    if (parsed.setKeywords().isEmpty()) {
      return type;
    }
    StringBuilder out = new StringBuilder(type.length() + 2 * parsed.setKeywords().size());
    int copied = 0;
    for (int at : parsed.setKeywords()) {
      out.append(type, copied, at).append(ARRAY);
      copied = at + SET_LENGTH;
    }
    return out.append(type, copied, type.length()).toString();
  }
}
