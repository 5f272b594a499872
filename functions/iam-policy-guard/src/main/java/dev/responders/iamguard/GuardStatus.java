package dev.responders.iamguard;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The status of the guard function's result. */
enum GuardStatus {
  /** Out of scope: the reason says why (a failed call, the guard's own call, another account...). */
  SKIPPED,
  /** Judged and unrestricted: nothing changed. */
  ALLOWED,
  /** Neutralised now and the approval workflow started. */
  HELD,
  /** Found held already (a redelivery or a retry): the workflow is started (again, idempotently). */
  ALREADY_HELD;

  @JsonValue
  String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
