package dev.responders.tools.template;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import software.amazon.event.ruler.Machine;

/**
 * Decides whether EventBridge would route an event to a set of rules, with event-ruler, the matcher EventBridge
 * itself is built on (array-consistent matching, as EventBridge does).
 */
public final class EventPatternMatcher {

  private final List<String> patterns;
  private final Machine machine = new Machine();

  private EventPatternMatcher(Collection<String> patterns) {
    this.patterns = List.copyOf(patterns);
    for (int i = 0; i < this.patterns.size(); i++) {
      try {
        machine.addRule(String.valueOf(i), this.patterns.get(i));
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException("not a valid event pattern: " + this.patterns.get(i) + " (" + e.getMessage()
            + ")", e);
      }
    }
  }

  /** A matcher for these patterns (JSON); an invalid pattern is rejected here rather than never matching. */
  public static EventPatternMatcher of(Collection<String> patterns) {
    return new EventPatternMatcher(patterns);
  }

  /** True when at least one pattern matches the event, that is, when EventBridge would deliver it. */
  public boolean matches(String eventJson) {
    return !matchingPatterns(eventJson).isEmpty();
  }

  /** The patterns that match the event, in the order they were given. */
  public List<String> matchingPatterns(String eventJson) {
    List<String> rules;
    try {
      rules = machine.rulesForJSONEvent(eventJson);
    } catch (Exception e) {
      throw new IllegalArgumentException("not a JSON event: " + e.getMessage(), e);
    }
    List<String> matching = new ArrayList<>();
    for (int i = 0; i < patterns.size(); i++) {
      if (rules.contains(String.valueOf(i))) {
        matching.add(patterns.get(i));
      }
    }
    return matching;
  }
}
