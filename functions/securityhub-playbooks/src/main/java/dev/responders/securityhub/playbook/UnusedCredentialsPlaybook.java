package dev.responders.securityhub.playbook;

import dev.responders.securityhub.playbook.UnusedCredentialsPlaybook.Unused;
import dev.responders.shared.audit.AuditLog;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.LoginProfile;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * IAM.8 (CIS 1.2 1.3): credentials unused for 90 days. Active access keys not used for 90 days (by their last-used
 * date; never used: by their creation) are deactivated; the console password of a user who has not signed in for
 * 90 days (never: since the password was set) is removed. Removing a password cannot be undone: the user needs a
 * new one from an administrator, and the note says so.
 */
public final class UnusedCredentialsPlaybook implements Playbook<Unused> {

  private final IamClient iam;
  private final Clock clock;

  public UnusedCredentialsPlaybook(IamClient iam, Clock clock) {
    this.iam = iam;
    this.clock = clock;
  }

  /** The user's idle credentials: keys to deactivate, and whether the console password goes. */
  public record Unused(String user, List<AccessKeyMetadata> keys, boolean loginProfile) {
  }

  @Override
  public Set<String> controls() {
    return Set.of("IAM.8");
  }

  @Override
  public Plan<Unused> plan(Target target) {
    String user = IamUsers.userName(target);
    Instant now = clock.instant();
    Instant cutoff = now.minus(IamUsers.NINETY_DAYS);
    List<String> steps = new ArrayList<>();
    List<AccessKeyMetadata> idleKeys = new ArrayList<>();
    for (AccessKeyMetadata key : IamUsers.activeKeys(iam, user)) {
      Instant used = iam.getAccessKeyLastUsed(r -> r.accessKeyId(key.accessKeyId())).accessKeyLastUsed()
          .lastUsedDate();
      Instant since = used == null ? key.createDate() : used;
      if (since.isBefore(cutoff)) {
        idleKeys.add(key);
        steps.add("deactivate access key " + key.accessKeyId() + " (" + (used == null ? "never used, created "
            : "last used ") + IamUsers.daysSince(since, now) + " days ago)");
      }
    }
    boolean removePassword = false;
    LoginProfile profile = loginProfile(user);
    if (profile != null) {
      Instant signedIn = iam.getUser(r -> r.userName(user)).user().passwordLastUsed();
      Instant since = signedIn == null ? profile.createDate() : signedIn;
      if (since.isBefore(cutoff)) {
        removePassword = true;
        steps.add("remove console password (" + (signedIn == null ? "never used, set " : "last sign-in ")
            + IamUsers.daysSince(since, now) + " days ago; cannot be undone, an administrator sets a new one)");
      }
    }
    return new Plan<>(steps, new Unused(user, List.copyOf(idleKeys), removePassword));
  }

  @Override
  public void apply(Target target, Plan<Unused> plan, AuditLog audit) {
    Unused unused = plan.state();
    for (AccessKeyMetadata key : unused.keys()) {
      var response = iam.updateAccessKey(r -> r.userName(unused.user()).accessKeyId(key.accessKeyId())
          .status(StatusType.INACTIVE));
      audit.changed("iam:UpdateAccessKey", unused.user() + "/" + key.accessKeyId(), "Active", "Inactive", response);
    }
    if (unused.loginProfile()) {
      var response = iam.deleteLoginProfile(r -> r.userName(unused.user()));
      audit.changed("iam:DeleteLoginProfile", unused.user(), "console password", null, response);
    }
  }

  private LoginProfile loginProfile(String user) {
    try {
      return iam.getLoginProfile(r -> r.userName(user)).loginProfile();
    } catch (NoSuchEntityException e) {
      return null;
    }
  }
}
