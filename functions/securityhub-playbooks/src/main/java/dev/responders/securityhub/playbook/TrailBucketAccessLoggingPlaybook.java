package dev.responders.securityhub.playbook;

import dev.responders.shared.audit.AuditLog;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * CloudTrail.7 (CIS 1.2 2.6): server access logging on the trail's bucket, into the bucket given as the template
 * parameter AccessLogBucketName (same region), under the prefix {@code <bucket>/}.
 */
public final class TrailBucketAccessLoggingPlaybook implements Playbook<String> {

  private final CloudTrailClient cloudTrail;
  private final S3Client s3;
  private final String targetBucket;

  public TrailBucketAccessLoggingPlaybook(CloudTrailClient cloudTrail, S3Client s3, String targetBucket) {
    this.cloudTrail = cloudTrail;
    this.s3 = s3;
    this.targetBucket = targetBucket;
  }

  @Override
  public Set<String> controls() {
    return Set.of("CloudTrail.7");
  }

  @Override
  public Optional<String> missingParameter() {
    return targetBucket == null ? Optional.of("AccessLogBucketName") : Optional.empty();
  }

  @Override
  public Plan<String> plan(Target target) {
    String bucket = Trails.bucket(cloudTrail, target);
    if (bucket.equals(targetBucket)) {
      throw new NotRemediableException("bucket " + bucket + " is the access log bucket itself: logging into"
          + " itself would log its own log writes");
    }
    boolean logging = s3.getBucketLogging(r -> r.bucket(bucket)).loggingEnabled() != null;
    return logging ? Plan.compliant(bucket)
        : new Plan<>(List.of("log access to bucket " + bucket + " into " + targetBucket + "/" + bucket + "/"), bucket);
  }

  @Override
  public void apply(Target target, Plan<String> plan, AuditLog audit) {
    String bucket = plan.state();
    var response = s3.putBucketLogging(r -> r.bucket(bucket).bucketLoggingStatus(s -> s.loggingEnabled(l -> l
        .targetBucket(targetBucket).targetPrefix(bucket + "/"))));
    audit.changed("s3:PutBucketLogging", bucket, null, targetBucket + "/" + bucket + "/", response);
  }
}
