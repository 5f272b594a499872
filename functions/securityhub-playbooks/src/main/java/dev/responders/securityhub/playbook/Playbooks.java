package dev.responders.securityhub.playbook;

import dev.responders.securityhub.PlaybooksConfig;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;

/** Every playbook of the function: adding one means a class here and its controls in the README table. */
public final class Playbooks {

  private Playbooks() {
  }

  public static List<Playbook<?>> all(PlaybooksConfig config, IamClient iam, KmsClient kms, CloudTrailClient cloudTrail,
      S3Client s3, CloudWatchLogsClient logs, Clock clock) {
    return List.of(
        new PasswordPolicyPlaybook(iam),
        new AccessKeyAgePlaybook(iam, clock),
        new UnusedCredentialsPlaybook(iam, clock),
        new KeyRotationPlaybook(kms),
        new LogFileValidationPlaybook(cloudTrail),
        new TrailEncryptionPlaybook(cloudTrail, kms),
        new TrailBucketPublicAccessPlaybook(cloudTrail, s3),
        new TrailCloudWatchLogsPlaybook(cloudTrail, logs, config.cloudTrailLogsRoleArn()),
        new TrailBucketAccessLoggingPlaybook(cloudTrail, s3, config.accessLogBucketName()));
  }
}
