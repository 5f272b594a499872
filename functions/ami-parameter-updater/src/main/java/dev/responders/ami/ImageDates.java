package dev.responders.ami;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Image Builder writes {@code dateCreated} as "Jul 28, 2022 1:13:45 AM" (UTC) in SNS messages and as ISO-8601 in
 * its API. Both become ISO-8601, which an SSM tag value can also hold (it cannot hold the comma).
 */
final class ImageDates {

  private static final DateTimeFormatter SNS_FORM = DateTimeFormatter.ofPattern("MMM d, yyyy h:mm:ss a", Locale.US);

  private ImageDates() {
  }

  /** ISO-8601 when the text is in one of Image Builder's forms; otherwise the text as it came. */
  static String normalise(String text) {
    try {
      return LocalDateTime.parse(text, SNS_FORM).toInstant(ZoneOffset.UTC).toString();
    } catch (DateTimeParseException notSnsForm) {
      try {
        return OffsetDateTime.parse(text).toInstant().toString();
      } catch (DateTimeParseException notIso) {
        try {
          return Instant.parse(text).toString();
        } catch (DateTimeParseException neither) {
          return text;
        }
      }
    }
  }
}
