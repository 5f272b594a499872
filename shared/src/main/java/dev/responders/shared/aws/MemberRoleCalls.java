package dev.responders.shared.aws;

import java.util.Optional;
import java.util.Set;

/**
 * Tells a function's own calls in a member account, made through the member role, from everyone else's. There the
 * session issuer of a CloudTrail record is the member role, whoever assumed it, so the role alone says only "one
 * of the central acting functions"; the session name ({@link MemberSessions}, the function's name) says which. A
 * session name is the assumer's to choose: it is proof only because the member role is trusted by the central
 * acting functions alone, and templates/member.yaml reserves the names that exempt calls from a check (the IAM
 * policy guard's) for the roles of the functions that use them.
 *
 * @param memberRoleName the member role's name ({@code MEMBER_ROLE_NAME}), the same in every account
 * @param homeAccount    the function's own account: calls there are made with the function's own role, never
 *                       through the member role, so no member-role session there is the function's
 */
public record MemberRoleCalls(String memberRoleName, String homeAccount) {

  /**
   * The session name, when a call of {@code account} was made through that account's member role in a session of
   * one of {@code sessionNames}; empty otherwise (another role, another session, the role of another account, a
   * call in the home account, an ARN that is not an assumed-role session).
   *
   * @param callerArn     {@code userIdentity.arn}: {@code arn:<partition>:sts::<account>:assumed-role/<role>/<session>}
   * @param callerRoleArn {@code sessionContext.sessionIssuer.arn}: {@code arn:<partition>:iam::<account>:role/<role>}
   */
  public Optional<String> session(String account, String callerArn, String callerRoleArn, Set<String> sessionNames) {
    if (account == null || account.equals(homeAccount) || callerArn == null || callerRoleArn == null) {
      return Optional.empty();
    }
    int colon = callerRoleArn.indexOf(':', "arn:".length());
    if (!callerRoleArn.startsWith("arn:") || colon < 0) {
      return Optional.empty();
    }
    String partition = callerRoleArn.substring("arn:".length(), colon);
    if (!callerRoleArn.equals("arn:" + partition + ":iam::" + account + ":role/" + memberRoleName)) {
      return Optional.empty();
    }
    String sessionsOfTheRole = "arn:" + partition + ":sts::" + account + ":assumed-role/" + memberRoleName + "/";
    if (!callerArn.startsWith(sessionsOfTheRole)) {
      return Optional.empty();
    }
    String session = callerArn.substring(sessionsOfTheRole.length());
    return sessionNames.contains(session) ? Optional.of(session) : Optional.empty();
  }
}
