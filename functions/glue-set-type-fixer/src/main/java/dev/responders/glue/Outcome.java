package dev.responders.glue;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What the responders are told, as the notification's {@code outcome} attribute. Only failures are told: a fix is
 * routine (every crawl of a DynamoDB export brings its sets back) and stays in the audit log and the result.
 */
enum Outcome {
  /** A fix stopped half-way or could not start; Lambda retries it, then the event goes to the failure queue. */
  FIX_FAILED;

  @JsonValue
  String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
