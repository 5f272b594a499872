package dev.responders.isolation;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where an incident stands, as its record in SSM says. */
public enum RecordStatus {
  /** The prior state is on record; containment, or telling the responders about it, is not finished. */
  CONTAINING,
  /** Contained, and the responders were told. */
  CONTAINED,
  /** Released: what was recorded is restored. A later isolation records afresh. */
  RELEASED;

  @JsonValue
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
