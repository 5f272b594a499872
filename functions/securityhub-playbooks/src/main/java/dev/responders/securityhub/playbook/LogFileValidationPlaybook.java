package dev.responders.securityhub.playbook;

import dev.responders.shared.audit.AuditLog;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Trail;

/** CloudTrail.4 (CIS 1.2 2.2): log file integrity validation on the trail. */
public final class LogFileValidationPlaybook implements Playbook<Trail> {

  private final CloudTrailClient cloudTrail;

  public LogFileValidationPlaybook(CloudTrailClient cloudTrail) {
    this.cloudTrail = cloudTrail;
  }

  @Override
  public Set<String> controls() {
    return Set.of("CloudTrail.4");
  }

  @Override
  public Plan<Trail> plan(Target target) {
    Trail trail = Trails.trail(cloudTrail, target);
    return Boolean.TRUE.equals(trail.logFileValidationEnabled()) ? Plan.compliant(trail)
        : new Plan<>(List.of("turn log file validation on"), trail);
  }

  @Override
  public void apply(Target target, Plan<Trail> plan, AuditLog audit) {
    var response = cloudTrail.updateTrail(r -> r.name(plan.state().trailARN()).enableLogFileValidation(true));
    audit.changed("cloudtrail:UpdateTrail(EnableLogFileValidation)", plan.state().trailARN(), false, true, response);
  }
}
