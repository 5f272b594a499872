package dev.responders.iamguard;

import java.util.Locale;

/**
 * An IAM action as a policy or the restricted list writes it: {@code service:Action} with the wildcards {@code *}
 * (any run of characters) and {@code ?} (one character), compared without regard to case, as IAM does.
 */
record ActionPattern(String text) {

  ActionPattern {
    text = text.strip().toLowerCase(Locale.ROOT);
  }

  static ActionPattern of(String text) {
    return new ActionPattern(text);
  }

  /**
   * Whether some action matches both patterns: {@code s3:Delete*} and {@code s3:DeleteBucket},
   * {@code organizations:*} and {@code organizations:Leave*}, {@code *} and anything.
   */
  boolean overlaps(ActionPattern other) {
    return new Walk(text, other.text, false).from(0, 0);
  }

  /**
   * Whether every action {@code narrower} matches is matched by this pattern too ({@code s3:*} covers
   * {@code s3:Delete*}; {@code s3:Delete?} does not cover {@code s3:Delete*}). A wildcard of the narrower pattern
   * counts as covered only by a wildcard at least as wide here, so the answer errs on "not covered".
   */
  boolean covers(ActionPattern narrower) {
    return new Walk(text, narrower.text, true).from(0, 0);
  }

  @Override
  public String toString() {
    return text;
  }

  /** Both patterns walked together, memoised over positions: linear in their product, no backtracking blow-up. */
  private static final class Walk {
    private final String a;
    private final String b;
    /** Inclusion (a covers b) rather than intersection: b's wildcards are then sets a must match whole. */
    private final boolean inclusion;
    private final Boolean[][] memo;

    Walk(String a, String b, boolean inclusion) {
      this.a = a;
      this.b = b;
      this.inclusion = inclusion;
      this.memo = new Boolean[a.length() + 1][b.length() + 1];
    }

    boolean from(int i, int j) {
      if (memo[i][j] != null) {
        return memo[i][j];
      }
      boolean result = step(i, j);
      memo[i][j] = result;
      return result;
    }

    private boolean step(int i, int j) {
      boolean aEnd = i == a.length();
      boolean bEnd = j == b.length();
      if (aEnd && bEnd) {
        return true;
      }
      char ca = aEnd ? 0 : a.charAt(i);
      char cb = bEnd ? 0 : b.charAt(j);
      if (!aEnd && ca == '*' && from(i + 1, j)) {
        return true;
      }
      if (!inclusion && !bEnd && cb == '*' && from(i, j + 1)) {
        return true;
      }
      if (aEnd || bEnd) {
        // What is left of one side must match the empty string alone: only stars, handled above.
        return false;
      }
      if (ca == '*') {
        // a's star takes b's next character (or, in inclusion, b's whole star or one '?').
        return from(i, j + 1);
      }
      if (cb == '*') {
        // Intersection: b's star takes a's next character. Inclusion: only a's star may stand for b's star.
        return !inclusion && from(i + 1, j);
      }
      if (ca == '?') {
        return from(i + 1, j + 1);
      }
      if (cb == '?') {
        return !inclusion && from(i + 1, j + 1);
      }
      return ca == cb && from(i + 1, j + 1);
    }
  }
}
