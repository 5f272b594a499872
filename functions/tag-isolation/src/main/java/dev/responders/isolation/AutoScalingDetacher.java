package dev.responders.isolation;

import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.audit.AuditRecord;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;

/**
 * Takes an isolated instance out of its Auto Scaling group. Left in, the group would see it fail its health
 * checks and terminate it (termination protection does not stop Auto Scaling), destroying the evidence. The
 * desired capacity is kept, so the group launches a clean replacement and the service keeps its capacity;
 * detaching also deregisters the instance from the group's load balancers and target groups.
 */
final class AutoScalingDetacher {

  private final AutoScalingClient autoScaling;

  AutoScalingDetacher(AutoScalingClient autoScaling) {
    this.autoScaling = autoScaling;
  }

  /** {@code groupNow}: the group the instance is in now, as just inspected, or null. */
  AuditRecord detach(String instanceId, String groupNow, AuditLog audit) {
    if (groupNow == null) {
      return audit.unchanged("autoscaling:DetachInstances", instanceId, null, "instance is in no Auto Scaling group");
    }
    var response = autoScaling.detachInstances(r -> r.autoScalingGroupName(groupNow).instanceIds(instanceId)
        .shouldDecrementDesiredCapacity(false));
    return audit.changed("autoscaling:DetachInstances", instanceId, groupNow, null, response);
  }
}
