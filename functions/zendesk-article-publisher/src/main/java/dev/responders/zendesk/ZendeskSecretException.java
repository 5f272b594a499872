package dev.responders.zendesk;

import java.util.List;

/** The Zendesk secret is unusable; says what is wrong with it, never what it holds. Retrying cannot fix it. */
public final class ZendeskSecretException extends RuntimeException {

  public ZendeskSecretException(String secretName, List<String> problems) {
    super("Secret " + secretName + " is not a usable Zendesk secret: " + String.join("; ", problems));
  }
}
