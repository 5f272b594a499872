package dev.responders.ami;

/** {@code major.minor.patch} of an Image Builder image, compared number by number (1.10.0 is newer than 1.9.3). */
public record SemanticVersion(long major, long minor, long patch) implements Comparable<SemanticVersion> {

  /** Parses {@code x.y.z}; callers have checked the shape. */
  static SemanticVersion parse(String text) {
    String[] parts = text.split("\\.");
    if (parts.length != 3) {
      throw new IllegalArgumentException("not a semantic version: " + text);
    }
    return new SemanticVersion(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
  }

  @Override
  public int compareTo(SemanticVersion other) {
    int byMajor = Long.compare(major, other.major);
    if (byMajor != 0) {
      return byMajor;
    }
    int byMinor = Long.compare(minor, other.minor);
    return byMinor != 0 ? byMinor : Long.compare(patch, other.patch);
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch;
  }
}
