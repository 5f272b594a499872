package dev.responders.securityhub.playbook;

import dev.responders.shared.audit.AuditLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PasswordPolicy;
import software.amazon.awssdk.services.iam.model.UpdateAccountPasswordPolicyResponse;

/**
 * IAM.7, IAM.11–IAM.17 (CIS 1.2 1.5–1.11): the account password policy. {@code UpdateAccountPasswordPolicy}
 * replaces the whole policy, so the current one is merged with the benchmark's and only ever strengthened: a
 * longer existing minimum, a longer reuse window or a shorter maximum age stays; whether users may change their
 * password and hard expiry (which locks users out) are kept as they are.
 */
public final class PasswordPolicyPlaybook implements Playbook<PasswordPolicyPlaybook.Policy> {

  static final int MIN_LENGTH = 14;
  static final int REUSE_PREVENTION = 24;
  static final int MAX_AGE_DAYS = 90;

  private final IamClient iam;

  public PasswordPolicyPlaybook(IamClient iam) {
    this.iam = iam;
  }

  /** The fields of a password policy this playbook reads and writes; 0 means "not set" for the numbers. */
  public record Policy(int minimumPasswordLength, boolean requireSymbols, boolean requireNumbers,
      boolean requireUppercase, boolean requireLowercase, int maxPasswordAge, int passwordReusePrevention,
      boolean allowUsersToChangePassword, boolean hardExpiry) {

    static final Policy NONE = new Policy(0, false, false, false, false, 0, 0, false, false);

    static Policy of(PasswordPolicy p) {
      return new Policy(orZero(p.minimumPasswordLength()), Boolean.TRUE.equals(p.requireSymbols()),
          Boolean.TRUE.equals(p.requireNumbers()), Boolean.TRUE.equals(p.requireUppercaseCharacters()),
          Boolean.TRUE.equals(p.requireLowercaseCharacters()), orZero(p.maxPasswordAge()),
          orZero(p.passwordReusePrevention()), Boolean.TRUE.equals(p.allowUsersToChangePassword()),
          Boolean.TRUE.equals(p.hardExpiry()));
    }

    /** This policy, strengthened to the benchmark wherever it is weaker, and nowhere else. */
    Policy strengthened() {
      return new Policy(Math.max(minimumPasswordLength, MIN_LENGTH), true, true, true, true,
          maxPasswordAge > 0 && maxPasswordAge <= MAX_AGE_DAYS ? maxPasswordAge : MAX_AGE_DAYS,
          Math.max(passwordReusePrevention, REUSE_PREVENTION), allowUsersToChangePassword, hardExpiry);
    }

    Map<String, Object> fields() {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("MinimumPasswordLength", minimumPasswordLength);
      fields.put("RequireSymbols", requireSymbols);
      fields.put("RequireNumbers", requireNumbers);
      fields.put("RequireUppercaseCharacters", requireUppercase);
      fields.put("RequireLowercaseCharacters", requireLowercase);
      fields.put("MaxPasswordAge", maxPasswordAge);
      fields.put("PasswordReusePrevention", passwordReusePrevention);
      return fields;
    }

    private static int orZero(Integer value) {
      return value == null ? 0 : value;
    }
  }

  @Override
  public Set<String> controls() {
    return Set.of("IAM.7", "IAM.11", "IAM.12", "IAM.13", "IAM.14", "IAM.15", "IAM.16", "IAM.17");
  }

  @Override
  public Plan<Policy> plan(Target target) {
    if (!target.resource().isAccount()) {
      throw new NotRemediableException("password policy controls name the account (AWS::::Account:<id>), not "
          + target.resource().id());
    }
    Policy current;
    try {
      current = Policy.of(iam.getAccountPasswordPolicy().passwordPolicy());
    } catch (NoSuchEntityException e) {
      current = Policy.NONE;
    }
    Map<String, Object> before = current.fields();
    Map<String, Object> after = current.strengthened().fields();
    List<String> steps = new ArrayList<>();
    before.forEach((field, value) -> {
      if (!value.equals(after.get(field))) {
        steps.add(field + " " + value + " -> " + after.get(field));
      }
    });
    return new Plan<>(steps, current);
  }

  @Override
  public void apply(Target target, Plan<Policy> plan, AuditLog audit) {
    Policy to = plan.state().strengthened();
    UpdateAccountPasswordPolicyResponse response = iam.updateAccountPasswordPolicy(r -> r
        .minimumPasswordLength(to.minimumPasswordLength())
        .requireSymbols(to.requireSymbols())
        .requireNumbers(to.requireNumbers())
        .requireUppercaseCharacters(to.requireUppercase())
        .requireLowercaseCharacters(to.requireLowercase())
        .maxPasswordAge(to.maxPasswordAge())
        .passwordReusePrevention(to.passwordReusePrevention())
        .allowUsersToChangePassword(to.allowUsersToChangePassword())
        .hardExpiry(to.hardExpiry()));
    audit.changed("iam:UpdateAccountPasswordPolicy", target.resource().id(), plan.state().fields(), to.fields(),
        response);
  }
}
