package dev.responders.securityhub;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/** The notification's {@code outcome} attribute, which subscriptions filter on. */
enum Outcome {
  /** Every finding of the event is now compliant. */
  REMEDIATED,
  /** Nothing failed, but some findings need a person (no playbook, exempt, parameter missing, dry run). */
  NEEDS_ATTENTION,
  /** A remediation or a finding update failed; the invocation is retried. */
  REMEDIATION_FAILED;

  @JsonValue
  String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static Outcome of(List<FindingOutcome> findings, boolean incomplete) {
    if (incomplete) {
      return REMEDIATION_FAILED;
    }
    return findings.stream().allMatch(f -> "RESOLVED".equals(f.workflowStatus())) ? REMEDIATED : NEEDS_ATTENTION;
  }
}
