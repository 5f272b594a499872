package dev.responders.shared.text;

/**
 * Values from events and accounts as they are echoed into reasons, logs and notifications: a tag value may be
 * 256 characters, an attacker's field 300 KB. Echoes are cut to a readable length and say how long the value was.
 */
public final class Excerpt {

  public static final int MAX = 120;

  private Excerpt() {
  }

  /** {@code value} in quotes, or its first {@link #MAX} characters and its length; {@code absent} for null. */
  public static String of(String value) {
    if (value == null) {
      return "absent";
    }
    if (value.length() <= MAX) {
      return "'" + value + "'";
    }
    return "'" + value.substring(0, MAX) + "...' (" + value.length() + " characters)";
  }

  /** {@code value} unquoted, cut to {@link #MAX} characters with an ellipsis: for names in subjects and titles. */
  public static String plain(String value) {
    return value.length() <= MAX ? value : value.substring(0, MAX) + "...";
  }
}
