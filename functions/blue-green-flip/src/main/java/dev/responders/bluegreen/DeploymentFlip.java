package dev.responders.bluegreen;

import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.event.EventBridgeEvent;
import dev.responders.shared.lambda.TimeBudget;
import java.util.Optional;

/**
 * The CodeDeploy trigger: a successful deployment of the configured group makes the other colour live, once per
 * deployment id (EventBridge delivers at least once, Lambda retries). There is no pipeline to tell, so a failure
 * is audited and thrown: Lambda retries, then keeps the event in the failure queue.
 */
public final class DeploymentFlip {

  private final BlueGreenConfig config;
  private final LiveColourSetter setter;

  public DeploymentFlip(BlueGreenConfig config, LiveColourSetter setter) {
    this.config = config;
    this.setter = setter;
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
    FlipOutcome outcome = setter.apply(config.parameterName(), Optional.empty(),
        FlipOrigin.deployment(deployment.deploymentId()), audit, budget);
    return FlipResult.ofDeployment(deployment.deploymentId(), outcome, audit.changes());
  }
}
