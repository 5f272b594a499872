package dev.responders.securityhub.playbook;

/** A resource the playbook cannot act on, with the reason the finding's note gives: no change was made. */
public final class NotRemediableException extends RuntimeException {

  public NotRemediableException(String reason) {
    super(reason);
  }
}
