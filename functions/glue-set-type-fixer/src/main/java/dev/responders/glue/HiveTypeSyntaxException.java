package dev.responders.glue;

import dev.responders.shared.text.Excerpt;

/** A column type that is not a Hive type string this handler can read; it is left as it is and reported. */
public final class HiveTypeSyntaxException extends RuntimeException {

  private final int position;

  HiveTypeSyntaxException(String type, int position, String problem) {
    super(problem + " at position " + position + " of " + Excerpt.of(type));
    this.position = position;
  }

  /** The offset in the type string where reading stopped. */
  public int position() {
    return position;
  }
}
