package dev.responders.ami;

import dev.responders.shared.error.InvalidEventException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A build version ARN of an Image Builder image, {@code arn:aws:imagebuilder:<region>:<account>:image/<name>/
 * <major>.<minor>.<patch>/<build>}: which image, and how new it is. The name is Image Builder's lower-case
 * form of the recipe name, so it is always a legal part of a parameter name.
 */
public record ImageArn(String partition, String region, String account, String name, SemanticVersion version,
    long buildVersion) {

  private static final Pattern SHAPE = Pattern.compile(
      "arn:(aws[a-z-]*):imagebuilder:([a-z0-9-]+):([0-9]{12}):image/([a-z0-9_-]+)/([0-9]+\\.[0-9]+\\.[0-9]+)/([0-9]{1,9})");

  /** Finds the ARN anywhere in {@code text} (a parameter description this function wrote). */
  private static final Pattern IN_TEXT = Pattern.compile(SHAPE.pattern().replace("([0-9]{1,9})", "([0-9]{1,9})\\b"));

  public static ImageArn parse(String value, String field) {
    Matcher m = SHAPE.matcher(value == null ? "" : value);
    if (!m.matches()) {
      throw new InvalidEventException(field, "is not the build version ARN of an Image Builder image "
          + "(arn:aws:imagebuilder:<region>:<account>:image/<name>/<x.y.z>/<build>): '" + value + "'");
    }
    return of(m);
  }

  /** The image ARN a text mentions, if any. */
  public static Optional<ImageArn> findIn(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = IN_TEXT.matcher(text);
    return m.find() ? Optional.of(of(m)) : Optional.empty();
  }

  private static ImageArn of(Matcher m) {
    return new ImageArn(m.group(1), m.group(2), m.group(3), m.group(4), SemanticVersion.parse(m.group(5)),
        Long.parseLong(m.group(6)));
  }

  /** Same image (recipe name, account, region), any version. */
  public boolean sameImageAs(ImageArn other) {
    return partition.equals(other.partition) && region.equals(other.region) && account.equals(other.account)
        && name.equals(other.name);
  }

  /** Semantic version first, then build version: 1.2.0/1 is newer than 1.1.9/40. */
  public boolean isNewerThan(ImageArn other) {
    int byVersion = version.compareTo(other.version);
    return byVersion != 0 ? byVersion > 0 : buildVersion > other.buildVersion;
  }

  /** {@code 1.2.0/3}. */
  public String versionLabel() {
    return version + "/" + buildVersion;
  }

  @Override
  public String toString() {
    return "arn:" + partition + ":imagebuilder:" + region + ":" + account + ":image/" + name + "/" + versionLabel();
  }
}
