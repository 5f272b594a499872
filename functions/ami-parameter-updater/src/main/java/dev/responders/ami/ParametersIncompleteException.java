package dev.responders.ami;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Some parameters were written and some were not (a region throttled or not enabled, a call denied). Thrown
 * after every other parameter was tried, so Lambda retries the invocation; the retry finds the written ones
 * current, changes nothing there, and writes the rest.
 */
public final class ParametersIncompleteException extends RuntimeException {

  private final transient AmiUpdateResult result;

  public ParametersIncompleteException(AmiUpdateResult result) {
    super(describe(result));
    this.result = result;
  }

  public AmiUpdateResult result() {
    return result;
  }

  private static String describe(AmiUpdateResult result) {
    List<TargetOutcome> all = result.images().stream().flatMap(i -> i.parameters().stream()).toList();
    String done = all.stream().filter(p -> p.outcome().done())
        .map(p -> p.where() + " " + p.outcome().label()).collect(Collectors.joining(", ", "[", "]"));
    String notDone = all.stream().filter(p -> !p.outcome().done())
        .map(p -> p.where() + " " + p.outcome().label() + " (" + p.detail() + ")")
        .collect(Collectors.joining(", ", "[", "]"));
    return "AMI parameters not all written; the retry finishes them. Not written: " + notDone + ". Written or current: "
        + done;
  }
}
