package dev.responders.bluegreen;

import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.error.NotificationFailedException;
import dev.responders.shared.event.EventBridgeEvent;
import dev.responders.shared.lambda.TimeBudget;
import dev.responders.shared.notify.Delivery;
import java.util.Optional;

/**
 * The CodeDeploy trigger: a successful deployment of the configured group makes the other colour live, once per
 * deployment id (EventBridge delivers at least once, Lambda retries). There is no pipeline to tell, so a failure
 * is audited, told to the responders and thrown: Lambda retries, then keeps the event in the failure queue. A flip
 * whose notification SNS did not take is thrown too, so that the retry, which finds the flip done, sends it.
 */
public final class DeploymentFlip {

  private final BlueGreenConfig config;
  private final LiveColourSetter setter;
  private final FlipNotice notice;

  public DeploymentFlip(BlueGreenConfig config, LiveColourSetter setter, FlipNotice notice) {
    this.config = config;
    this.setter = setter;
    this.notice = notice;
  }

  public FlipResult run(EventBridgeEvent envelope, AuditLog audit, TimeBudget budget) {
    Optional<String> foreign = DeploymentEvent.notADeploymentStateChange(envelope);
    if (foreign.isPresent()) {
      audit.decision("skip", String.join(",", envelope.resources()), foreign.get());
      return FlipResult.skipped(FlipResult.CODEDEPLOY, null, foreign.get());
    }
    DeploymentEvent deployment = DeploymentEvent.from(envelope);
    Optional<String> outOfScope = config.scope().outsideReason(envelope.account(), envelope.region(), null)
        .or(() -> deployment.outOfScopeReason(config));
    if (outOfScope.isPresent()) {
      audit.decision("skip", deployment.deploymentId(), outOfScope.get());
      return FlipResult.skipped(FlipResult.CODEDEPLOY, deployment.deploymentId(), outOfScope.get());
    }
    audit.decision("flip-for-deployment", deployment.deploymentId(), deployment.application() + "/"
        + deployment.deploymentGroup() + " succeeded");
    FlipOrigin origin = FlipOrigin.deployment(deployment.deploymentId());
    FlipOutcome outcome;
    try {
      outcome = setter.apply(config.parameterName(), Optional.empty(), origin, audit, budget);
    } catch (RuntimeException e) {
      FailureKind kind = e instanceof FlipRefusedException refused ? refused.kind() : FailureKind.JOB;
      notice.failed(origin.describe(), config.parameterName(), kind, String.valueOf(e.getMessage()), audit);
      throw e;
    }
    FlipResult result = FlipResult.ofDeployment(deployment.deploymentId(), outcome, audit.changes());
    if (!FlipNotice.owed(outcome)) {
      return result;
    }
    Delivery sent = notice.flipped(origin.describe(), outcome, audit);
    FlipResult told = result.withNotification(sent, audit.changes());
    if (sent == Delivery.FAILED) {
      throw new NotificationFailedException("Blue/green: " + outcome.live() + " is live", told);
    }
    return told;
  }
}
