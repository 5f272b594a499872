package dev.responders.iamguard;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The version the guard makes the default while a change waits for approval. It grants nothing and denies nothing
 * (a Deny of "every action except every action"), so principals the policy is attached to keep exactly what their
 * other policies give them: a deny-all here would lock them out of everything else too.
 */
final class NeutralPolicy {

  static final String SID = "HeldByIamPolicyGuardPendingApproval";
  static final String DOCUMENT = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"" + SID
      + "\",\"Effect\":\"Deny\",\"NotAction\":\"*\",\"Resource\":\"*\"}]}";

  private NeutralPolicy() {
  }

  /** Whether a version's document (URL-encoded, as IAM returns it) is the guard's neutral one. */
  static boolean isNeutral(String urlEncodedDocument) {
    return URLDecoder.decode(urlEncodedDocument, StandardCharsets.UTF_8).contains("\"" + SID + "\"");
  }
}
