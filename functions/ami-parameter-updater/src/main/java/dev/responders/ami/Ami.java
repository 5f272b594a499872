package dev.responders.ami;

import dev.responders.shared.error.InvalidEventException;
import dev.responders.shared.event.FieldReader;
import java.util.regex.Pattern;

/**
 * One AMI an image was distributed as: {@code outputResources.amis[]} of the image.
 *
 * @param name the AMI's name, when Image Builder gives one
 */
public record Ami(String region, String imageId, String name, String accountId) {

  static final Pattern AMI_ID = Pattern.compile("ami-([0-9a-f]{8}|[0-9a-f]{17})");
  static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]+");
  static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");

  /** Reads and validates one entry of {@code amis}; the errors name the entry's fields. */
  public static Ami read(FieldReader ami) {
    return of(ami.text("region"), ami.text("image"), ami.optionalText("name").orElse(null), ami.text("accountId"),
        ami.path());
  }

  /** Validates the parts of an AMI entry, naming the fields under path {@code entry} in errors. */
  public static Ami of(String region, String imageId, String name, String accountId, String entry) {
    require(region, REGION, entry + ".region", "an AWS region such as us-east-1");
    require(imageId, AMI_ID, entry + ".image", "an AMI id (ami- and 8 or 17 hexadecimal digits)");
    require(accountId, ACCOUNT, entry + ".accountId", "a 12-digit AWS account id");
    return new Ami(region, imageId, name, accountId);
  }

  private static void require(String value, Pattern shape, String field, String expected) {
    if (value == null || !shape.matcher(value).matches()) {
      throw new InvalidEventException(field, "must be " + expected + ", got '" + value + "'");
    }
  }
}
