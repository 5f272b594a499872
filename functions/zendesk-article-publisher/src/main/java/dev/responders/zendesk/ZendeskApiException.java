package dev.responders.zendesk;

/**
 * Zendesk refused a request for good (a 4xx other than 429): the ticket does not exist, the token lacks a
 * permission, the section id is wrong. Carries Zendesk's own error; never the credentials.
 */
public final class ZendeskApiException extends RuntimeException {

  private final int status;
  private final String zendeskError;

  public ZendeskApiException(String method, String path, int status, String zendeskError) {
    super("Zendesk answered " + status + " to " + method + " " + path + ": " + zendeskError);
    this.status = status;
    this.zendeskError = zendeskError;
  }

  public int status() {
    return status;
  }

  public String zendeskError() {
    return zendeskError;
  }
}
