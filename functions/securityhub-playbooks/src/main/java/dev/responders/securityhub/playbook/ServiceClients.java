package dev.responders.securityhub.playbook;

import dev.responders.shared.aws.AwsClients;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The clients the playbooks act through, for one account and region: the function's own (built once per container)
 * or a member account's through its assumed role, or another region's (built for one invocation).
 */
public record ServiceClients(IamClient iam, KmsClient kms, CloudTrailClient cloudTrail, S3Client s3,
    CloudWatchLogsClient logs, Ec2Client ec2, SsmClient ssm) implements AutoCloseable {

  /** The function's own account and region. */
  public static ServiceClients home() {
    return new ServiceClients(AwsClients.build(IamClient.builder()), AwsClients.build(KmsClient.builder()),
        AwsClients.build(CloudTrailClient.builder()), AwsClients.build(S3Client.builder()),
        AwsClients.build(CloudWatchLogsClient.builder()), AwsClients.build(Ec2Client.builder()),
        AwsClients.build(SsmClient.builder()));
  }

  /** Another region, with other credentials (a member account's role) unless {@code credentials} is null. */
  public static ServiceClients of(Region region, AwsCredentialsProvider credentials) {
    return new ServiceClients(AwsClients.build(IamClient.builder(), region, credentials),
        AwsClients.build(KmsClient.builder(), region, credentials),
        AwsClients.build(CloudTrailClient.builder(), region, credentials),
        AwsClients.build(S3Client.builder(), region, credentials),
        AwsClients.build(CloudWatchLogsClient.builder(), region, credentials),
        AwsClients.build(Ec2Client.builder(), region, credentials),
        AwsClients.build(SsmClient.builder(), region, credentials));
  }

  /** Closes the clients (not the HTTP client they share with every other client of the container). */
  @Override
  public void close() {
    List.<SdkClient>of(iam, kms, cloudTrail, s3, logs, ec2, ssm).forEach(SdkClient::close);
  }
}
