package dev.responders.securityhub.playbook;

import dev.responders.shared.aws.Pages;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.ListAccessKeysResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.StatusType;

/** The IAM user a credential finding names, and the reads both credential playbooks share. */
final class IamUsers {

  static final Duration NINETY_DAYS = Duration.ofDays(90);

  private IamUsers() {
  }

  /** The user name of the finding's resource, an IAM user ARN ({@code user/path/name}). */
  static String userName(Target target) {
    String resource = target.arnOf("iam", "user").resourceId();
    return resource.substring(resource.lastIndexOf('/') + 1);
  }

  static List<AccessKeyMetadata> activeKeys(IamClient iam, String user) {
    try {
      return Pages.collect(marker -> iam.listAccessKeys(r -> r.userName(user).marker(marker)),
          ListAccessKeysResponse::accessKeyMetadata, ListAccessKeysResponse::marker).stream()
          .filter(k -> k.status() == StatusType.ACTIVE).toList();
    } catch (NoSuchEntityException e) {
      throw new NotRemediableException("IAM user " + user + " no longer exists");
    }
  }

  static long daysSince(Instant then, Instant now) {
    return Duration.between(then, now).toDays();
  }
}
