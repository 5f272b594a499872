package dev.responders.securityhub.playbook;

import dev.responders.shared.audit.AuditLog;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * IAM.3 (CIS 1.2 1.4): deactivates, never deletes, the user's active access keys created more than 90 days ago.
 * Whatever still uses such a key stops working; reactivating it is one call, which is why it is not deleted.
 */
public final class AccessKeyAgePlaybook implements Playbook<List<AccessKeyMetadata>> {

  private final IamClient iam;
  private final Clock clock;

  public AccessKeyAgePlaybook(IamClient iam, Clock clock) {
    this.iam = iam;
    this.clock = clock;
  }

  @Override
  public Set<String> controls() {
    return Set.of("IAM.3");
  }

  @Override
  public Plan<List<AccessKeyMetadata>> plan(Target target) {
    String user = IamUsers.userName(target);
    Instant now = clock.instant();
    List<AccessKeyMetadata> old = IamUsers.activeKeys(iam, user).stream()
        .filter(k -> k.createDate().isBefore(now.minus(IamUsers.NINETY_DAYS))).toList();
    return new Plan<>(old.stream().map(k -> "deactivate access key " + k.accessKeyId() + " (created "
        + IamUsers.daysSince(k.createDate(), now) + " days ago)").toList(), old);
  }

  @Override
  public void apply(Target target, Plan<List<AccessKeyMetadata>> plan, AuditLog audit) {
    for (AccessKeyMetadata key : plan.state()) {
      var response = iam.updateAccessKey(r -> r.userName(key.userName()).accessKeyId(key.accessKeyId())
          .status(StatusType.INACTIVE));
      audit.changed("iam:UpdateAccessKey", key.userName() + "/" + key.accessKeyId(), "Active", "Inactive", response);
    }
  }
}
