package dev.responders.iamguard;

import java.time.Instant;

/**
 * One approval request, kept in SSM (SecureString: it holds the task token) under
 * {@code <prefix>/approvals/<request id>}: what the confirmation page shows, and whether the link was used.
 *
 * @param requestId   the workflow execution's name
 * @param held        the held change
 * @param taskToken   Step Functions' token of the waiting approval task; never logged nor shown
 * @param expiresAt   when the link stops working (the task's timeout)
 * @param status      {@code pending}, then {@code approved} or {@code denied}
 * @param decidedAt   when it was decided, or null
 * @param decidedFrom the source IP address of the decision, or null
 */
record ApprovalRecord(
    String requestId,
    HeldChange held,
    String taskToken,
    Instant expiresAt,
    String status,
    Instant decidedAt,
    String decidedFrom) {

  static final String PENDING = "pending";

  boolean pending() {
    return PENDING.equals(status);
  }

  ApprovalRecord decided(String decision, Instant at, String from) {
    return new ApprovalRecord(requestId, held, taskToken, expiresAt, decision, at, from);
  }
}
