package dev.responders.isolation;

import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.audit.AuditRecord;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;

/**
 * Takes an isolated instance out of its Auto Scaling group, and puts a released one back. Left in, the group
 * would see it fail its health checks and terminate it (termination protection does not stop Auto Scaling),
 * destroying the evidence. The desired capacity is kept, so the group launches a clean replacement and the
 * service keeps its capacity; detaching also deregisters the instance from the group's load balancers and target
 * groups. A release attaches it again (which raises the desired capacity by one) and then sets the capacity
 * recorded at isolation: the group's termination policy then chooses which instance goes.
 */
final class AutoScalingMembership {

  private final AutoScalingClient autoScaling;

  AutoScalingMembership(AutoScalingClient autoScaling) {
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

  /** Attaches the instance to {@code group} unless {@code groupNow} says it is already in it. */
  AuditRecord attach(String instanceId, String group, String groupNow, AuditLog audit) {
    if (group.equals(groupNow)) {
      return audit.unchanged("autoscaling:AttachInstances", instanceId, group, "instance is in its group again");
    }
    var response = autoScaling.attachInstances(r -> r.autoScalingGroupName(group).instanceIds(instanceId));
    return audit.changed("autoscaling:AttachInstances", instanceId, groupNow, group, response);
  }

  /** Sets the group's desired capacity back to what it was at isolation. */
  AuditRecord restoreDesiredCapacity(String group, int recorded, Integer now, AuditLog audit) {
    if (now != null && now == recorded) {
      return audit.unchanged("autoscaling:SetDesiredCapacity", group, recorded, "desired capacity is as recorded");
    }
    var response = autoScaling.setDesiredCapacity(r -> r.autoScalingGroupName(group).desiredCapacity(recorded)
        .honorCooldown(false));
    return audit.changed("autoscaling:SetDesiredCapacity", group, now, recorded, response);
  }
}
