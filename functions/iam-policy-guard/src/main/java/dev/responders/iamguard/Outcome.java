package dev.responders.iamguard;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What the responders are told, as the notification's {@code outcome} attribute subscriptions filter on. */
enum Outcome {
  /** The policy grants no restricted action: it stays as it is. */
  ALLOWED,
  /** The change was neutralised and an administrator asked to approve it. */
  HELD,
  /** The administrator approved: the original version is the default again. */
  APPROVED,
  /** The administrator denied: the held version is deleted, the policy stays neutral. */
  DENIED,
  /** Nobody decided in time: treated as a denial. */
  TIMED_OUT,
  /** Someone changed the policy while it was held: the guard left it alone. */
  CONFLICT;

  @JsonValue
  String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
