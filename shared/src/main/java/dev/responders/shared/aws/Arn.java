package dev.responders.shared.aws;

import dev.responders.shared.error.InvalidEventException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ARN split into its parts: {@code arn:partition:service:region:account:resource}.
 * The resource part keeps its own separators ({@code instance/i-0abc}, {@code parameter/a/b}).
 */
public record Arn(String partition, String service, String region, String account, String resource) {

  private static final Pattern SHAPE =
      Pattern.compile("arn:(aws|aws-cn|aws-us-gov|aws-iso[a-z-]*):([a-z0-9-]+):([a-z0-9-]*):(\\d{12}|):(.+)");

  /** Parses the ARN held by event field {@code field}; a malformed one is an invalid event naming that field. */
  public static Arn parse(String value, String field) {
    Matcher m = SHAPE.matcher(value == null ? "" : value);
    if (!m.matches()) {
      throw new InvalidEventException(field, "is not an ARN: '" + value + "'");
    }
    return new Arn(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5));
  }

  /** The resource type before the first '/', e.g. {@code instance}. */
  public String resourceType() {
    int slash = resource.indexOf('/');
    return slash < 0 ? resource : resource.substring(0, slash);
  }

  /** The resource id after the first '/', e.g. {@code i-0abc}; empty when there is none. */
  public String resourceId() {
    int slash = resource.indexOf('/');
    return slash < 0 ? "" : resource.substring(slash + 1);
  }
}
