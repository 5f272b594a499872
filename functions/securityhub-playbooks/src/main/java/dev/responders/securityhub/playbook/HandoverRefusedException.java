package dev.responders.securityhub.playbook;

/**
 * The system a finding is handed to refused it for a reason a retry would meet again (Jira answering 400, 401, 403 or
 * 404; its secret missing or malformed): reported on the finding (NOTIFIED), not retried.
 */
public final class HandoverRefusedException extends RuntimeException {

  public HandoverRefusedException(String reason) {
    super(reason);
  }
}
