package dev.responders.securityhub.playbook;

/**
 * The system a finding is handed to did not answer in time (Jira rate limiting beyond what the function waits, 5xx,
 * a timeout, after its own retries): the finding is reported as failed and the invocation retried.
 */
public final class HandoverUnavailableException extends RuntimeException {

  public HandoverUnavailableException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
