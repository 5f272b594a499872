package dev.responders.iamguard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsInvalidMacException;
import software.amazon.awssdk.services.kms.model.MacAlgorithmSpec;

/**
 * The token of an approval link: {@code <request id>.<expiry, epoch seconds>.<HMAC>}, the HMAC computed by KMS
 * ({@code GenerateMac}, HMAC-SHA-256) over both, with a key only the decision function may sign with and only the
 * approval function may verify with. A link cannot be forged, re-aimed at another request or extended; single use
 * is the approval record's and the task token's job.
 */
final class ApprovalToken {

  private static final Pattern FORMAT = Pattern.compile("([A-Za-z0-9_-]{1,80})\\.([0-9]{1,12})\\.([A-Za-z0-9_-]{16,128})");

  /** A token that verified: the request it names and until when it is valid. */
  record Verified(String requestId, Instant expiresAt) {
  }

  /** Why a token is refused. */
  enum Refusal { MALFORMED, FORGED, EXPIRED }

  /** The outcome of a verification: exactly one of the two is set. */
  record Check(Verified verified, Refusal refusal) {
  }

  private final KmsClient kms;
  private final String keyId;

  ApprovalToken(KmsClient kms, String keyId) {
    this.kms = kms;
    this.keyId = keyId;
  }

  String sign(String requestId, Instant expiresAt) {
    long expires = expiresAt.getEpochSecond();
    SdkBytes mac = kms.generateMac(r -> r.keyId(keyId).macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)
        .message(message(requestId, expires))).mac();
    return requestId + "." + expires + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.asByteArray());
  }

  /** Checks the format, then the HMAC (KMS compares), then the expiry: an expired forgery is reported forged. */
  Check verify(String token, Instant now) {
    Matcher parts = FORMAT.matcher(token == null ? "" : token.strip());
    if (!parts.matches()) {
      return new Check(null, Refusal.MALFORMED);
    }
    String requestId = parts.group(1);
    long expires = Long.parseLong(parts.group(2));
    byte[] mac;
    try {
      mac = Base64.getUrlDecoder().decode(parts.group(3));
    } catch (IllegalArgumentException e) {
      return new Check(null, Refusal.MALFORMED);
    }
    boolean valid;
    try {
      valid = kms.verifyMac(r -> r.keyId(keyId).macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)
          .message(message(requestId, expires)).mac(SdkBytes.fromByteArray(mac))).macValid();
    } catch (KmsInvalidMacException e) {
      valid = false;
    }
    if (!valid) {
      return new Check(null, Refusal.FORGED);
    }
    Instant expiresAt = Instant.ofEpochSecond(expires);
    if (!now.isBefore(expiresAt)) {
      return new Check(null, Refusal.EXPIRED);
    }
    return new Check(new Verified(requestId, expiresAt), null);
  }

  private static SdkBytes message(String requestId, long expires) {
    try {
      return SdkBytes.fromByteArray(MessageDigest.getInstance("SHA-256").digest(
          ("iam-policy-guard approval\n" + requestId + "\n" + expires).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
