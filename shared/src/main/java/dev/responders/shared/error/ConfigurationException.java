package dev.responders.shared.error;

import java.util.List;

/** The function's environment is incomplete or malformed; raised at init, listing every problem at once. */
public final class ConfigurationException extends RuntimeException {

  private final List<String> problems;

  public ConfigurationException(List<String> problems) {
    super("Invalid configuration: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
