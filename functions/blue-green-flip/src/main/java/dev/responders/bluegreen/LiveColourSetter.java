package dev.responders.bluegreen;

import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.lambda.TimeBudget;
import dev.responders.shared.text.Excerpt;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sets the live colour, once per origin. The target is the requested colour, or the opposite of the live one
 * ({@code null} before the first deployment gives green); a value that is neither {@code null} nor a colour is
 * refused and left as it is, since guessing would send traffic to the wrong fleet.
 */
public final class LiveColourSetter {

  private final MarkerStore store;

  public LiveColourSetter(MarkerStore store) {
    this.store = store;
  }

  /**
   * Sets {@code requested}, or the other colour, unless {@code origin} already did. Stops before a call that the
   * invocation's remaining time may not see through, so that the refusal can still be reported.
   */
  public FlipOutcome apply(String parameter, Optional<Colour> requested, FlipOrigin origin, AuditLog audit,
      TimeBudget budget) {
    requireTime(budget, "reading", parameter, audit);
    Optional<LiveMarker> found = store.read(parameter, audit);
    if (found.isEmpty()) {
      String why = "SSM parameter " + parameter + " does not exist: create it with the value null (the template "
          + "creates BlueGreenParameterName), or name an existing parameter in UserParameters";
      audit.decision("refuse", parameter, why);
      throw new FlipRefusedException(FailureKind.CONFIGURATION, why);
    }
    LiveMarker marker = found.get();

    Optional<LiveMarker.Version> earlier = marker.setBy(origin);
    if (earlier.isPresent()) {
      return alreadyFlipped(marker, earlier.get(), requested, origin, audit);
    }
    if (!marker.beforeFirstDeployment() && marker.colour().isEmpty()) {
      String why = "SSM parameter " + parameter + " holds " + Excerpt.of(marker.value()) + ", which is neither "
          + "null, blue nor green; it was left as it is: set it by hand to the colour that is live, then retry";
      audit.decision("refuse", parameter, why);
      throw new FlipRefusedException(FailureKind.JOB, why);
    }

    Colour target = requested.orElseGet(() -> marker.colour().map(Colour::opposite).orElse(Colour.GREEN));
    String because = requested.isPresent() ? "target " + target + " requested"
        : marker.beforeFirstDeployment() ? "first deployment: null becomes green" : "the other colour of " + marker.value();
    if (marker.colour().equals(Optional.of(target))) {
      String why = target + " is already live (" + because + ")";
      audit.unchanged("ssm:PutParameter", parameter, Map.of("value", marker.value(),
          "version", marker.current().version()), why);
      return new FlipOutcome(FlipStatus.ALREADY_LIVE, parameter, marker.value(), target, marker.current().version(), why,
          false);
    }
    requireTime(budget, "writing", parameter, audit);
    audit.decision("flip", parameter, marker.value() + " -> " + target + " (" + because + ")");
    long version = store.write(marker, target, origin, audit);
    String raced = "";
    if (version != marker.current().version() + 1) {
      // SSM has no conditional write: someone wrote between the read and this write, and was overwritten.
      long first = marker.current().version() + 1;
      raced = "; " + (first == version - 1 ? "version " + first + " was" : "versions " + first + " to " + (version - 1)
          + " were") + " written by someone else between this flip's read and its write, and overwritten: check "
          + "the parameter's history";
      audit.decision("raced", parameter, raced.substring(2));
    }
    return new FlipOutcome(FlipStatus.FLIPPED, parameter, marker.value(), target, version,
        marker.value() + " -> " + target + " (" + because + ")" + raced, false);
  }

  /** A retry: report what this origin set then, write nothing. */
  private static FlipOutcome alreadyFlipped(LiveMarker marker, LiveMarker.Version earlier, Optional<Colour> requested,
      FlipOrigin origin, AuditLog audit) {
    Colour set = Colour.named(earlier.value()).orElseThrow(() -> new FlipRefusedException(FailureKind.JOB,
        "version " + earlier.version() + " of " + marker.name() + " names this job but holds "
            + Excerpt.of(earlier.value()) + ", which is no colour; set the parameter by hand"));
    if (requested.isPresent() && requested.get() != set) {
      // The same job or execution asks for another colour than it recorded: the record was not written by it.
      String why = "version " + earlier.version() + " of " + marker.name() + " says this job or execution set " + set
          + ", but it asks for " + requested.get() + "; the record was not written by this flip: check who wrote it";
      audit.decision("refuse", marker.name(), why);
      throw new FlipRefusedException(FailureKind.JOB, why);
    }
    List<LiveMarker.Version> versions = marker.versions();
    int index = versions.indexOf(earlier);
    String previous = index > 0 ? versions.get(index - 1).value() : null;
    String why = "version " + earlier.version() + " already records this flip (" + earlier.description() + ")"
        + (earlier.equals(marker.current()) ? "" : "; the parameter has changed since and now holds "
            + Excerpt.of(marker.value()));
    audit.unchanged("ssm:PutParameter", marker.name(), Map.of("value", marker.value(),
        "version", marker.current().version()), why);
    return new FlipOutcome(FlipStatus.ALREADY_FLIPPED, marker.name(), previous, set, earlier.version(), why,
        origin.sameInvocationAs(earlier.description()));
  }

  private static void requireTime(TimeBudget budget, String step, String parameter, AuditLog audit) {
    if (!budget.allowsAnotherStep()) {
      String why = "stopped before " + step + " " + parameter + ": only " + budget.remainingMillis()
          + " ms of the invocation were left, too few for one SSM call and the report; nothing was changed, retry";
      audit.decision("stop", parameter, why);
      throw new FlipRefusedException(FailureKind.JOB, why);
    }
  }
}
