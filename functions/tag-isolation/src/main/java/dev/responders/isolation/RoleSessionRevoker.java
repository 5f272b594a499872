package dev.responders.isolation;

import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.audit.AuditRecord;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;

/**
 * Denies the credentials the isolated instance obtained from its old role before isolation (replacing the profile
 * stops new ones, not those already issued, valid for hours). An inline deny on the old role, conditioned on
 * {@code ec2:SourceInstanceARN} (this instance's credentials only, wherever they are used from: the key travels
 * with the session) and {@code aws:TokenIssueTime} before now. Other instances sharing the role keep working; a
 * deny for every session of the role (the console's "revoke active sessions") would stop them all.
 */
final class RoleSessionRevoker {

  static final String POLICY_PREFIX = "responders-deny-isolated-";

  private final IamClient iam;

  RoleSessionRevoker(IamClient iam) {
    this.iam = iam;
  }

  static String policyName(String instanceId) {
    return POLICY_PREFIX + instanceId;
  }

  /** @param instanceArn the instance's ARN as its credentials carry it in {@code ec2:SourceInstanceARN} */
  AuditRecord revoke(String instanceProfileArn, String instanceArn, String instanceId, Instant before,
      AuditLog audit) {
    String profile = instanceProfileArn.substring(instanceProfileArn.lastIndexOf('/') + 1);
    Optional<String> role = iam.getInstanceProfile(r -> r.instanceProfileName(profile)).instanceProfile().roles()
        .stream().map(Role::roleName).findFirst();
    if (role.isEmpty()) {
      return audit.decision("skip-revoke-role-sessions", instanceId, "profile " + profile + " holds no role");
    }
    String name = policyName(instanceId);
    try {
      iam.getRolePolicy(r -> r.roleName(role.get()).policyName(name));
      return audit.unchanged("iam:PutRolePolicy", role.get() + " " + name, "present",
          "the old role already denies this instance's earlier sessions");
    } catch (NoSuchEntityException absent) {
      // Not yet denied: put it below.
    }
    String document = """
        {"Version":"2012-10-17","Statement":[{"Sid":"DenySessionsOfIsolatedInstance","Effect":"Deny","Action":"*",\
        "Resource":"*","Condition":{"StringEquals":{"ec2:SourceInstanceARN":"%s"},\
        "DateLessThan":{"aws:TokenIssueTime":"%s"}}}]}""".formatted(instanceArn, before);
    var response = iam.putRolePolicy(r -> r.roleName(role.get()).policyName(name).policyDocument(document));
    return audit.changed("iam:PutRolePolicy", role.get() + " " + name, null,
        "deny sessions of " + instanceArn + " issued before " + before, response);
  }
}
