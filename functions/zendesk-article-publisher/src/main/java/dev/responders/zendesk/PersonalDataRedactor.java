package dev.responders.zendesk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes personal data from text that will be published: e-mail addresses, phone numbers, and the requester's
 * name. Deliberately broad: a long digit group (an IP address, a card number) is removed as a phone number too,
 * since an editor can put back what was harmless but cannot unpublish what leaked.
 */
final class PersonalDataRedactor {

  static final String EMAIL = "[email removed]";
  static final String PHONE = "[phone removed]";
  static final String NAME = "[name removed]";

  private static final Pattern EMAIL_ADDRESS =
      Pattern.compile("[A-Za-z0-9._%+-]+(@|\\s*\\(at\\)\\s*|&#64;)[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
  /** A run of digits and the separators phone numbers are written with, holding 9 to 15 digits. */
  private static final Pattern PHONE_LIKE = Pattern.compile("(?<![\\w+])\\+?\\(?\\d[\\d\\s().\\-/]{6,}\\d(?!\\w)");

  private final List<Pattern> names;

  private PersonalDataRedactor(List<Pattern> names) {
    this.names = names;
  }

  /**
   * Redacts the generic patterns and, when known, the requester's full name and each part of it of three or more
   * letters (a first name alone is the usual greeting).
   */
  static PersonalDataRedactor forRequester(String requesterName) {
    List<String> parts = new ArrayList<>();
    if (requesterName != null && !requesterName.isBlank()) {
      String full = requesterName.strip();
      parts.add(full);
      for (String part : full.split("\\s+")) {
        if (part.length() >= 3 && !parts.contains(part)) {
          parts.add(part);
        }
      }
    }
    parts.sort(Comparator.comparingInt(String::length).reversed());
    return new PersonalDataRedactor(parts.stream()
        .map(part -> Pattern.compile("(?<!\\w)" + Pattern.quote(part) + "(?!\\w)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
        .toList());
  }

  String redact(String text) {
    String result = EMAIL_ADDRESS.matcher(text).replaceAll(Matcher.quoteReplacement(EMAIL));
    result = redactPhones(result);
    for (Pattern name : names) {
      result = name.matcher(result).replaceAll(Matcher.quoteReplacement(NAME));
    }
    return result;
  }

  private static String redactPhones(String text) {
    Matcher matcher = PHONE_LIKE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String candidate = matcher.group();
      long digits = candidate.chars().filter(Character::isDigit).count();
      matcher.appendReplacement(out, Matcher.quoteReplacement(digits >= 9 && digits <= 15 ? PHONE : candidate));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
