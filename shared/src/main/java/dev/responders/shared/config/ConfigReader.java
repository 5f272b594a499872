package dev.responders.shared.config;

import dev.responders.shared.error.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a function's configuration from its environment once, at init. Collects every missing or malformed
 * variable, so {@link #validate()} fails fast with the whole list instead of one name per deploy.
 *
 * <pre>{@code
 * ConfigReader env = new ConfigReader(System.getenv());
 * String key = env.required("ISOLATION_TAG_KEY");
 * env.validate();
 * }</pre>
 */
public final class ConfigReader {

  private final Map<String, String> environment;
  private final List<String> problems = new ArrayList<>();

  public ConfigReader(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /**
   * A variable that must be set and not blank; returns null (and records the problem) otherwise. Leading or
   * trailing white space is a problem too, not trimmed away: an event rule matches values exactly, so a function
   * that trimmed {@code "isolate "} would never act on what its rule delivers.
   */
  public String required(String name) {
    String value = environment.get(name);
    if (value == null || value.isBlank()) {
      problems.add(name + " is not set");
      return null;
    }
    if (!value.equals(value.strip())) {
      problems.add(name + " has leading or trailing white space: '" + value + "'");
      return null;
    }
    return value;
  }

  /** A required variable that must also match {@code format}, described as {@code expected} in errors. */
  public String required(String name, Pattern format, String expected) {
    String value = required(name);
    if (value != null && !format.matcher(value).matches()) {
      problems.add(name + " must be " + expected + ", got '" + value + "'");
      return null;
    }
    return value;
  }

  public String optional(String name, String fallback) {
    String value = environment.get(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  /** An optional variable that, when set, must match {@code format}; {@code fallback} when unset. */
  public String optional(String name, String fallback, Pattern format, String expected) {
    String value = environment.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    if (!format.matcher(value).matches()) {
      problems.add(name + " must be " + expected + ", got '" + value + "'");
      return null;
    }
    return value;
  }

  /** Throws {@link ConfigurationException} naming every problem found so far. */
  public void validate() {
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
  }
}
