package dev.responders.bluegreen;

import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.notify.Delivery;
import dev.responders.shared.notify.Notifier;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tells the responders, on the suite's topic, that the live colour changed or that a flip failed. A flip is told
 * by the invocation that made it and again by any retry of that same invocation (same job id or deployment id):
 * the retry cannot know whether the first was told, so the responders hear it at least once, never not at all. A
 * stage retry, which only finds another job's flip, tells nothing.
 */
public final class FlipNotice {

  static final String FLIPPED = "flipped";
  static final String FAILED = "failed";

  private final Notifier notifier;

  public FlipNotice(Notifier notifier) {
    this.notifier = notifier;
  }

  /** Whether this outcome is this invocation's to tell: its own flip, or a retry of the invocation that made it. */
  static boolean owed(FlipOutcome outcome) {
    return outcome.status() == FlipStatus.FLIPPED
        || outcome.status() == FlipStatus.ALREADY_FLIPPED && outcome.byThisInvocation();
  }

  public Delivery flipped(String by, FlipOutcome outcome, AuditLog audit) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("parameter", outcome.parameter());
    details.put("live", outcome.live().value());
    details.put("previous", outcome.previous());
    details.put("version", outcome.version());
    details.put("set_by", by);
    details.put("status", outcome.status().value());
    details.put("reason", outcome.reason());
    return notifier.notify(BlueGreenFlipHandler.NAME, FLIPPED, "Blue/green: " + outcome.live() + " is live ("
        + outcome.parameter() + ")", details, audit);
  }

  public Delivery failed(String by, String parameter, FailureKind kind, String message, AuditLog audit) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("parameter", parameter);
    details.put("set_by", by);
    details.put("failure_type", kind.failureType());
    details.put("message", message);
    return notifier.notify(BlueGreenFlipHandler.NAME, FAILED, "Blue/green flip FAILED ("
        + (parameter == null ? by : parameter) + ")", details, audit);
  }
}
