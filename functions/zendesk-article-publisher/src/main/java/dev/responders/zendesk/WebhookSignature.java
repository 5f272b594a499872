package dev.responders.zendesk;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Zendesk's webhook signature: {@code X-Zendesk-Webhook-Signature} = base64(HMAC-SHA256(signing secret,
 * {@code X-Zendesk-Webhook-Signature-Timestamp} + body)). Compared in constant time; a timestamp more than
 * {@link #MAX_AGE} from now (either way) is refused, so a captured request cannot be replayed later.
 */
final class WebhookSignature {

  static final Duration MAX_AGE = Duration.ofMinutes(5);

  private WebhookSignature() {
  }

  static String sign(String signingSecret, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  /** Why the request is not from Zendesk (or is too old), or empty when it is genuine and fresh. */
  static Optional<String> problem(String signingSecret, String timestamp, byte[] body, String signature,
      Instant now) {
    if (timestamp == null || timestamp.isBlank() || signature == null || signature.isBlank()) {
      return Optional.of("signature or timestamp header missing");
    }
    Instant signedAt;
    try {
      signedAt = Instant.parse(timestamp.strip());
    } catch (DateTimeParseException e) {
      return Optional.of("timestamp is not an ISO-8601 instant");
    }
    byte[] expected = sign(signingSecret, timestamp, body).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.US_ASCII))) {
      return Optional.of("signature does not match");
    }
    if (Duration.between(signedAt, now).abs().compareTo(MAX_AGE) > 0) {
      return Optional.of("timestamp " + timestamp + " is more than " + MAX_AGE.toMinutes() + " minutes from now");
    }
    return Optional.empty();
  }
}
