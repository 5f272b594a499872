package dev.responders.securityhub.playbook;

import dev.responders.securityhub.PlaybooksConfig;
import java.time.Clock;
import java.util.List;

/**
 * Every remediation playbook of the function, for one account and region: adding one means a class here and its
 * controls in the README table. The custom actions' playbooks (Jira, patching) are chosen by action, not by control.
 */
public final class Playbooks {

  private Playbooks() {
  }

  public static List<Playbook<?>> all(PlaybooksConfig config, ServiceClients clients, Clock clock) {
    return List.of(
        new PasswordPolicyPlaybook(clients.iam()),
        new AccessKeyAgePlaybook(clients.iam(), clock),
        new UnusedCredentialsPlaybook(clients.iam(), clock),
        new KeyRotationPlaybook(clients.kms()),
        new LogFileValidationPlaybook(clients.cloudTrail()),
        new TrailEncryptionPlaybook(clients.cloudTrail(), clients.kms()),
        new TrailBucketPublicAccessPlaybook(clients.cloudTrail(), clients.s3()),
        new TrailCloudWatchLogsPlaybook(clients.cloudTrail(), clients.logs(), config.cloudTrailLogsRoleArn()),
        new TrailBucketAccessLoggingPlaybook(clients.cloudTrail(), clients.s3(), config.accessLogBucketName()),
        new AdminPortIngressPlaybook(clients.ec2()),
        new DefaultSecurityGroupPlaybook(clients.ec2()),
        new VpcFlowLogsPlaybook(clients.ec2(), clients.logs(), config.vpcFlowLogsRoleArn()));
  }
}
