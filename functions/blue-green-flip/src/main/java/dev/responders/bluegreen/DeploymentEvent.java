package dev.responders.bluegreen;

import dev.responders.shared.event.EventBridgeEvent;
import dev.responders.shared.event.FieldReader;
import java.util.Optional;

/**
 * An EventBridge "CodeDeploy Deployment State-change Notification", the trigger for pipelines without a Lambda
 * stage: a successful blue/green deployment of the configured application and group flips the marker.
 */
public record DeploymentEvent(String eventId, String deploymentId, String application, String deploymentGroup,
    String state) {

  static final String SOURCE = "aws.codedeploy";
  static final String DETAIL_TYPE = "CodeDeploy Deployment State-change Notification";
  static final String SUCCESS = "SUCCESS";

  /** Why a well-formed EventBridge event is no deployment state change, or empty when it is one. */
  public static Optional<String> notADeploymentStateChange(EventBridgeEvent envelope) {
    if (SOURCE.equals(envelope.source()) && DETAIL_TYPE.equals(envelope.detailType())) {
      return Optional.empty();
    }
    return Optional.of("event is '" + envelope.detailType() + "' from " + envelope.source() + ", not '"
        + DETAIL_TYPE + "' from " + SOURCE);
  }

  /** The deployment an envelope carries; its detail is validated here, naming any bad field. */
  public static DeploymentEvent from(EventBridgeEvent envelope) {
    FieldReader detail = envelope.detail();
    return new DeploymentEvent(envelope.id(), detail.text("deploymentId"), detail.text("application"),
        detail.text("deploymentGroup"), detail.text("state"));
  }

  /** Why this deployment must not flip the marker, or empty when it must. */
  public Optional<String> outOfScopeReason(BlueGreenConfig config) {
    if (!config.codeDeployTrigger()) {
      return Optional.of("the CodeDeploy trigger is off (BlueGreenCodeDeployApplication is empty)");
    }
    if (!config.codeDeployApplication().equals(application)
        || !config.codeDeployDeploymentGroup().equals(deploymentGroup)) {
      return Optional.of("deployment " + deploymentId + " is of " + application + "/" + deploymentGroup + ", not "
          + config.codeDeployApplication() + "/" + config.codeDeployDeploymentGroup());
    }
    if (!SUCCESS.equals(state)) {
      return Optional.of("deployment " + deploymentId + " is " + state + ", not " + SUCCESS);
    }
    return Optional.empty();
  }
}
