package dev.responders.securityhub.playbook;

import dev.responders.securityhub.playbook.VpcFlowLogsPlaybook.FlowLogs;
import dev.responders.shared.audit.AuditLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateFlowLogsResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.FlowLog;
import software.amazon.awssdk.services.ec2.model.UnsuccessfulItem;

/**
 * EC2.6 (CIS 1.2 2.9): the VPC logs its rejected traffic. Any flow log of the VPC that captures rejected traffic
 * (REJECT or ALL) counts; otherwise one of REJECT is created into the log group {@code /aws/vpc-flow-logs/<vpc-id>}
 * (an existing one is reused; a new one keeps 365 days), delivered with the role VpcFlowLogsRoleArn (in a member
 * account, the role of the same name there). EC2 answering that the flow log already exists is success.
 */
public final class VpcFlowLogsPlaybook implements Playbook<FlowLogs> {

  static final String LOG_GROUP_PREFIX = "/aws/vpc-flow-logs/";
  static final int RETENTION_DAYS = 365;
  static final String ALREADY_EXISTS = "FlowLogAlreadyExists";

  private final Ec2Client ec2;
  private final CloudWatchLogsClient logs;
  private final String roleArn;

  public VpcFlowLogsPlaybook(Ec2Client ec2, CloudWatchLogsClient logs, String roleArn) {
    this.ec2 = ec2;
    this.logs = logs;
    this.roleArn = roleArn;
  }

  public record FlowLogs(String vpcId, String logGroup, boolean groupExists, String groupArn, String role) {
  }

  @Override
  public Set<String> controls() {
    return Set.of("EC2.6");
  }

  @Override
  public Optional<String> missingParameter() {
    return roleArn == null ? Optional.of("VpcFlowLogsRoleArn") : Optional.empty();
  }

  @Override
  public Plan<FlowLogs> plan(Target target) {
    String vpcId = target.idOf("ec2", "vpc");
    try {
      ec2.describeVpcs(r -> r.vpcIds(vpcId));
    } catch (AwsServiceException e) {
      if (SecurityGroups.isCode(e, "InvalidVpcID.NotFound")) {
        throw new NotRemediableException("VPC " + vpcId + " no longer exists");
      }
      throw e;
    }
    String group = LOG_GROUP_PREFIX + vpcId;
    boolean exists = logs.describeLogGroups(r -> r.logGroupNamePrefix(group)).logGroups().stream()
        .anyMatch(g -> g.logGroupName().equals(group));
    FlowLogs state = new FlowLogs(vpcId, group, exists, target.arnHere("logs", "log-group:" + group),
        target.roleIn(roleArn));
    List<FlowLog> existing = ec2.describeFlowLogs(r -> r.filter(f -> f.name("resource-id").values(vpcId)))
        .flowLogs();
    if (existing.stream().anyMatch(f -> "REJECT".equals(f.trafficTypeAsString()) || "ALL".equals(f.trafficTypeAsString()))) {
      return Plan.compliant(state);
    }
    List<String> steps = new ArrayList<>();
    if (!exists) {
      steps.add("create log group " + group + " (" + RETENTION_DAYS + " days)");
    }
    steps.add("log rejected traffic of " + vpcId + " to " + group + " as " + state.role());
    return new Plan<>(steps, state);
  }

  @Override
  public void apply(Target target, Plan<FlowLogs> plan, AuditLog audit) {
    FlowLogs state = plan.state();
    if (!state.groupExists()) {
      try {
        var created = logs.createLogGroup(r -> r.logGroupName(state.logGroup()));
        audit.changed("logs:CreateLogGroup", state.logGroup(), null, state.logGroup(), created);
        var retention = logs.putRetentionPolicy(r -> r.logGroupName(state.logGroup()).retentionInDays(RETENTION_DAYS));
        audit.changed("logs:PutRetentionPolicy", state.logGroup(), null, RETENTION_DAYS, retention);
      } catch (ResourceAlreadyExistsException e) {
        audit.unchanged("logs:CreateLogGroup", state.logGroup(), state.logGroup(), "created concurrently");
      }
    }
    CreateFlowLogsResponse response;
    try {
      response = ec2.createFlowLogs(r -> r.resourceIds(state.vpcId()).resourceType("VPC")
          .trafficType("REJECT").logDestinationType("cloud-watch-logs").logDestination(state.groupArn())
          .deliverLogsPermissionArn(state.role()));
    } catch (AwsServiceException e) {
      if (!SecurityGroups.isCode(e, ALREADY_EXISTS)) {
        throw e;
      }
      audit.unchanged("ec2:CreateFlowLogs", state.vpcId(), state.groupArn(), "already exists");
      return;
    }
    for (UnsuccessfulItem item : response.unsuccessful()) {
      if (item.error() != null && ALREADY_EXISTS.equals(item.error().code())) {
        audit.unchanged("ec2:CreateFlowLogs", state.vpcId(), state.groupArn(), "already exists");
        return;
      }
      // EC2 answers a refused flow log in the response, not as an error: it is one all the same.
      throw Ec2Exception.builder().message(item.error() == null ? "refused" : item.error().message())
          .awsErrorDetails(AwsErrorDetails.builder().serviceName("Ec2")
              .errorCode(item.error() == null ? "Unsuccessful" : item.error().code())
              .errorMessage(item.error() == null ? "refused" : item.error().message()).build())
          .build();
    }
    audit.changed("ec2:CreateFlowLogs", state.vpcId(), null, "REJECT to " + state.groupArn(), response);
  }
}
