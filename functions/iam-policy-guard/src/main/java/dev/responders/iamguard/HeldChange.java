package dev.responders.iamguard;

import dev.responders.shared.aws.Arn;
import java.util.List;

/**
 * A policy change the guard holds: the workflow's input, and what the decision steps read back.
 *
 * @param policyArn        the managed policy
 * @param heldVersionId    the version that grants restricted actions, kept as a non-default version
 * @param neutralVersionId the neutral version the guard made the default
 * @param eventId          the event that caused the hold
 * @param eventName        the IAM call ({@code CreatePolicy}...)
 * @param caller           who made it ({@code userIdentity.arn})
 * @param grants           the restricted actions the held version grants
 * @param timeoutSeconds   how long the administrator has ({@code TimeoutSecondsPath} of the approval task)
 * @param account          the account the policy is in, where the decision acts (in organization mode through
 *                         the member role); a workflow started before the field existed has none: the policy
 *                         ARN's account is taken
 */
record HeldChange(
    String policyArn,
    String heldVersionId,
    String neutralVersionId,
    String eventId,
    String eventName,
    String caller,
    List<Grant> grants,
    long timeoutSeconds,
    String account) {

  /** A held change of the policy ARN's account. */
  HeldChange(String policyArn, String heldVersionId, String neutralVersionId, String eventId, String eventName,
      String caller, List<Grant> grants, long timeoutSeconds) {
    this(policyArn, heldVersionId, neutralVersionId, eventId, eventName, caller, grants, timeoutSeconds,
        Arn.parse(policyArn, "held.policy_arn").account());
  }
}
