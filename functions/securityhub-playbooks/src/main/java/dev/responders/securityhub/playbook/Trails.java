package dev.responders.securityhub.playbook;

import dev.responders.shared.aws.Arn;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Trail;

/** The trail a CloudTrail finding names, read again from CloudTrail (never from the finding's details). */
final class Trails {

  private Trails() {
  }

  static Trail trail(CloudTrailClient cloudTrail, Target target) {
    Arn arn = target.arnOf("cloudtrail", "trail");
    return cloudTrail.describeTrails(r -> r.trailNameList(target.resource().id()).includeShadowTrails(false))
        .trailList().stream().findFirst()
        .orElseThrow(() -> new NotRemediableException("trail " + arn.resourceId() + " no longer exists"));
  }

  /**
   * The bucket of a trail-bucket finding (CloudTrail.6, .7): the resource is the bucket itself
   * ({@code arn:aws:s3:::name}) or the trail, whose bucket CloudTrail names.
   */
  static String bucket(CloudTrailClient cloudTrail, Target target) {
    Arn arn = target.arn();
    if ("s3".equals(arn.service())) {
      if (arn.resource().contains("/")) {
        throw new NotRemediableException("resource " + target.resource().id() + " is not an S3 bucket");
      }
      return arn.resource();
    }
    return trail(cloudTrail, target).s3BucketName();
  }
}
