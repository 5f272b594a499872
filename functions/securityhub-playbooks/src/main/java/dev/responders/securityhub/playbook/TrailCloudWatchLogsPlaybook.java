package dev.responders.securityhub.playbook;

import dev.responders.securityhub.playbook.TrailCloudWatchLogsPlaybook.Delivery;
import dev.responders.shared.audit.AuditLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Trail;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;

/**
 * CloudTrail.5 (CIS 1.2 2.4): the trail delivers to CloudWatch Logs, into the log group
 * {@code /aws/cloudtrail/<trail>} (an existing one is reused, never a second), with the role given as the template
 * parameter CloudTrailLogsRoleArn (in a member account, the role of the same name there).
 */
public final class TrailCloudWatchLogsPlaybook implements Playbook<Delivery> {

  static final String LOG_GROUP_PREFIX = "/aws/cloudtrail/";
  static final int RETENTION_DAYS = 365;

  private final CloudTrailClient cloudTrail;
  private final CloudWatchLogsClient logs;
  private final String roleArn;

  public TrailCloudWatchLogsPlaybook(CloudTrailClient cloudTrail, CloudWatchLogsClient logs, String roleArn) {
    this.cloudTrail = cloudTrail;
    this.logs = logs;
    this.roleArn = roleArn;
  }

  /** The trail, its log group, and whether that group exists already. */
  public record Delivery(Trail trail, String logGroup, boolean groupExists) {
  }

  @Override
  public Set<String> controls() {
    return Set.of("CloudTrail.5");
  }

  @Override
  public Optional<String> missingParameter() {
    return roleArn == null ? Optional.of("CloudTrailLogsRoleArn") : Optional.empty();
  }

  @Override
  public Plan<Delivery> plan(Target target) {
    Trail trail = Trails.trail(cloudTrail, target);
    String group = LOG_GROUP_PREFIX + trail.name();
    boolean exists = logs.describeLogGroups(r -> r.logGroupNamePrefix(group)).logGroups().stream()
        .anyMatch(g -> g.logGroupName().equals(group));
    Delivery delivery = new Delivery(trail, group, exists);
    if (trail.cloudWatchLogsLogGroupArn() != null && !trail.cloudWatchLogsLogGroupArn().isBlank()) {
      return Plan.compliant(delivery);
    }
    List<String> steps = new ArrayList<>();
    if (!exists) {
      steps.add("create log group " + group + " (" + RETENTION_DAYS + " days)");
    }
    steps.add("deliver the trail to " + group + " as " + target.roleIn(roleArn));
    return new Plan<>(steps, delivery);
  }

  @Override
  public void apply(Target target, Plan<Delivery> plan, AuditLog audit) {
    Delivery delivery = plan.state();
    if (!delivery.groupExists()) {
      try {
        var created = logs.createLogGroup(r -> r.logGroupName(delivery.logGroup()));
        audit.changed("logs:CreateLogGroup", delivery.logGroup(), null, delivery.logGroup(), created);
        var retention = logs.putRetentionPolicy(r -> r.logGroupName(delivery.logGroup())
            .retentionInDays(RETENTION_DAYS));
        audit.changed("logs:PutRetentionPolicy", delivery.logGroup(), null, RETENTION_DAYS, retention);
      } catch (ResourceAlreadyExistsException e) {
        audit.unchanged("logs:CreateLogGroup", delivery.logGroup(), delivery.logGroup(), "created concurrently");
      }
    }
    String trailArn = delivery.trail().trailARN();
    String[] parts = trailArn.split(":");
    String groupArn = "arn:" + parts[1] + ":logs:" + parts[3] + ":" + parts[4] + ":log-group:" + delivery.logGroup()
        + ":*";
    var response = cloudTrail.updateTrail(r -> r.name(trailArn).cloudWatchLogsLogGroupArn(groupArn)
        .cloudWatchLogsRoleArn(target.roleIn(roleArn)));
    audit.changed("cloudtrail:UpdateTrail(CloudWatchLogs)", trailArn, null, groupArn, response);
  }
}
