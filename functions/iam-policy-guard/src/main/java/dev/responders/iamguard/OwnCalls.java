package dev.responders.iamguard;

import dev.responders.shared.aws.MemberRoleCalls;
import java.util.Optional;
import java.util.Set;

/**
 * The guard's and the decision function's own policy changes (the neutral version, a restore), which are never
 * judged again: the guard would hold its own hold. In the guard's account they are made with the functions' own
 * roles ({@code GUARD_ROLE_ARNS}, the session issuer's ARN, which a caller cannot choose). In a member account they
 * are made through the member role, which every central acting function may assume, so the role alone would exempt
 * any of them (and whoever got hold of one): only the member role's sessions named {@link PolicyAccounts#GUARD_SESSION}
 * or {@link PolicyAccounts#DECISION_SESSION} are the guard's, names templates/member.yaml lets no role but the
 * guard's two assume the member role with. Anyone else's session of the member role is judged like a person's.
 */
final class OwnCalls {

  private static final Set<String> SESSIONS = Set.of(PolicyAccounts.GUARD_SESSION, PolicyAccounts.DECISION_SESSION);

  private final Set<String> guardRoleArns;
  private final MemberRoleCalls memberRole;

  OwnCalls(GuardConfig config) {
    this.guardRoleArns = config.guardRoleArns();
    this.memberRole = config.deployment().organization()
        ? new MemberRoleCalls(config.deployment().memberRoleName(), config.scope().account()) : null;
  }

  /** Why the call was the guard's own, or empty when it is to be judged. */
  Optional<String> whose(PolicyChangeEvent event) {
    if (event.callerRoleArn() != null && guardRoleArns.contains(event.callerRoleArn())) {
      return Optional.of("the call was the guard's own (" + event.callerRoleArn() + ")");
    }
    if (memberRole == null) {
      return Optional.empty();
    }
    return memberRole.session(event.account(), event.callerArn(), event.callerRoleArn(), SESSIONS)
        .map(session -> "the call was the guard's own (" + event.callerArn() + ", its session of the member role)");
  }
}
