package dev.responders.bluegreen;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/** A live environment of a blue/green pair, written to the marker parameter in lower case as the seed's scripts read it. */
public enum Colour {
  BLUE("blue"),
  GREEN("green");

  private final String value;

  Colour(String value) {
    this.value = value;
  }

  @JsonValue
  public String value() {
    return value;
  }

  public Colour opposite() {
    return this == BLUE ? GREEN : BLUE;
  }

  /** The colour a marker or a request names exactly ({@code blue}, {@code green}), else empty. */
  public static Optional<Colour> named(String text) {
    for (Colour colour : values()) {
      if (colour.value.equals(text)) {
        return Optional.of(colour);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return value;
  }
}
