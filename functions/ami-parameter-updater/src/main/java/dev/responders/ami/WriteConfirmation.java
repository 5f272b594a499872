package dev.responders.ami;

import dev.responders.shared.audit.AuditLog;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * Reads a parameter back after a write: a 200 from {@code PutParameter} does not guarantee an {@code aws:ec2:image}
 * value, which SSM validates afterwards (and drops if it cannot see the AMI). A write not seen in time is
 * {@link Outcome#UNCONFIRMED}, which fails the invocation, and the retry reads it again.
 */
final class WriteConfirmation {

  private final AmiParameterWriter.Confirmation policy;

  WriteConfirmation(AmiParameterWriter.Confirmation policy) {
    this.policy = policy;
  }

  /** Reads the value back until SSM shows it (or the attempts run out: then the retry checks again). */
  TargetOutcome confirm(SsmClient ssm, Target target, long version, Outcome outcome, String why,
      AuditLog audit) {
    String seen = null;
    for (int attempt = 1; attempt <= policy.attempts(); attempt++) {
      try {
        var parameter = ssm.getParameter(r -> r.name(target.parameterName())).parameter();
        if (parameter.version() >= version) {
          return TargetOutcome.of(target, outcome, parameter.version(), why);
        }
        seen = parameter.value() + " (version " + parameter.version() + ")";
      } catch (ParameterNotFoundException notYet) {
        seen = "no parameter";
      } catch (SdkException unreadable) {
        // The write was accepted; only its read-back failed. The retry reads the parameter again and finishes.
        seen = "an error (" + AmiParameterWriter.describe(unreadable) + ")";
      }
      if (attempt < policy.attempts()) {
        pause();
      }
    }
    String detail = "SSM accepted version " + version + " but reading it back gave " + seen + " (aws:ec2:image values "
        + "are validated after the call; an AMI SSM cannot see is refused then)";
    audit.decision("unconfirmed", target.parameterArn(), detail);
    return TargetOutcome.of(target, Outcome.UNCONFIRMED, version, detail);
  }

  private void pause() {
    try {
      Thread.sleep(policy.pause().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
