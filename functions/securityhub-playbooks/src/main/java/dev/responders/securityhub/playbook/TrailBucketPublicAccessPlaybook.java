package dev.responders.securityhub.playbook;

import dev.responders.securityhub.playbook.TrailBucketPublicAccessPlaybook.BucketAccess;
import dev.responders.shared.audit.AuditLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetBucketAclResponse;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * CloudTrail.6 (CIS 1.2 2.3): the trail's bucket not public. All four public access block settings on, and ACL
 * grants to everyone ({@code AllUsers}) or to any AWS account ({@code AuthenticatedUsers}) removed; every other
 * grant stays.
 */
public final class TrailBucketPublicAccessPlaybook implements Playbook<BucketAccess> {

  static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
  static final String AUTHENTICATED_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";

  private final CloudTrailClient cloudTrail;
  private final S3Client s3;

  public TrailBucketPublicAccessPlaybook(CloudTrailClient cloudTrail, S3Client s3) {
    this.cloudTrail = cloudTrail;
    this.s3 = s3;
  }

  /** The bucket, whether its block is fully on, and its ACL. */
  public record BucketAccess(String bucket, boolean blocked, GetBucketAclResponse acl, List<Grant> publicGrants) {
  }

  @Override
  public Set<String> controls() {
    return Set.of("CloudTrail.6");
  }

  @Override
  public Plan<BucketAccess> plan(Target target) {
    String bucket = Trails.bucket(cloudTrail, target);
    boolean blocked = fullyBlocked(bucket);
    GetBucketAclResponse acl = s3.getBucketAcl(r -> r.bucket(bucket));
    List<Grant> publicGrants = acl.grants().stream().filter(TrailBucketPublicAccessPlaybook::isPublic).toList();
    List<String> steps = new ArrayList<>();
    if (!blocked) {
      steps.add("turn on all four public access block settings of bucket " + bucket);
    }
    publicGrants.forEach(g -> steps.add("remove ACL grant " + g.permissionAsString() + " to "
        + g.grantee().uri().substring(g.grantee().uri().lastIndexOf('/') + 1)));
    return new Plan<>(steps, new BucketAccess(bucket, blocked, acl, publicGrants));
  }

  @Override
  public void apply(Target target, Plan<BucketAccess> plan, AuditLog audit) {
    BucketAccess access = plan.state();
    if (!access.blocked()) {
      var response = s3.putPublicAccessBlock(r -> r.bucket(access.bucket()).publicAccessBlockConfiguration(c -> c
          .blockPublicAcls(true).ignorePublicAcls(true).blockPublicPolicy(true).restrictPublicBuckets(true)));
      audit.changed("s3:PutPublicAccessBlock", access.bucket(), "not fully blocked", "all four on", response);
    }
    if (!access.publicGrants().isEmpty()) {
      List<Grant> kept = access.acl().grants().stream().filter(g -> !isPublic(g)).toList();
      var response = s3.putBucketAcl(r -> r.bucket(access.bucket()).accessControlPolicy(p -> p
          .owner(access.acl().owner()).grants(kept)));
      audit.changed("s3:PutBucketAcl", access.bucket(), access.publicGrants().size() + " public grants",
          kept.size() + " grants, none public", response);
    }
  }

  private boolean fullyBlocked(String bucket) {
    try {
      PublicAccessBlockConfiguration c = s3.getPublicAccessBlock(r -> r.bucket(bucket))
          .publicAccessBlockConfiguration();
      return Boolean.TRUE.equals(c.blockPublicAcls()) && Boolean.TRUE.equals(c.ignorePublicAcls())
          && Boolean.TRUE.equals(c.blockPublicPolicy()) && Boolean.TRUE.equals(c.restrictPublicBuckets());
    } catch (S3Exception e) {
      if (e.statusCode() == 404 && "NoSuchPublicAccessBlockConfiguration".equals(errorCode(e))) {
        return false;
      }
      throw e;
    }
  }

  private static String errorCode(S3Exception e) {
    return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
  }

  private static boolean isPublic(Grant grant) {
    String uri = grant.grantee() == null ? null : grant.grantee().uri();
    return ALL_USERS.equals(uri) || AUTHENTICATED_USERS.equals(uri);
  }
}
