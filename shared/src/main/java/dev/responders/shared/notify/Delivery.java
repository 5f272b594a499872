package dev.responders.shared.notify;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Whether responders were told: written into results as {@code sent}, {@code not-configured} or {@code failed}. */
public enum Delivery {
  SENT,
  NOT_CONFIGURED,
  FAILED;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
