package dev.responders.shared.integrity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsInvalidMacException;
import software.amazon.awssdk.services.kms.model.MacAlgorithmSpec;

/**
 * Seals the records a handler keeps in places others can write (SSM parameters), so it can tell its own
 * records from forged or edited ones. The seal is an HMAC computed by KMS with a key only the suite's roles may
 * use: anyone may be able to write a parameter, nobody else can produce a seal that verifies.
 *
 * <p>A sealed value stays JSON a person can read: {@code {"seal":"<base64>","record":{...}}}. The seal covers
 * the record's exact text and the name it is stored under, so a valid record copied to another name fails.
 * KMS MACs at most 4 KB, so what it MACs is the SHA-256 of both.
 */
public final class RecordSeal {

  private static final Pattern SEALED = Pattern.compile("\\{\"seal\":\"([A-Za-z0-9+/=]{16,})\",\"record\":(.*)\\}",
      Pattern.DOTALL);

  private final KmsClient kms;
  private final String keyId;

  public RecordSeal(KmsClient kms, String keyId) {
    this.kms = kms;
    this.keyId = keyId;
  }

  /** The text to store: {@code recordJson} with the seal binding it to {@code name}. */
  public String seal(String name, String recordJson) {
    SdkBytes mac = kms.generateMac(r -> r.keyId(keyId).macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)
        .message(digest(name, recordJson))).mac();
    return "{\"seal\":\"" + Base64.getEncoder().encodeToString(mac.asByteArray()) + "\",\"record\":" + recordJson + "}";
  }

  /**
   * The record's JSON when {@code stored} is a record this suite sealed under {@code name}; empty when it is not
   * sealed, or the seal does not verify (written or edited by someone else, or moved from another name).
   */
  public Optional<String> open(String name, String stored) {
    Matcher sealed = SEALED.matcher(stored == null ? "" : stored);
    if (!sealed.matches()) {
      return Optional.empty();
    }
    String recordJson = sealed.group(2);
    byte[] mac;
    try {
      mac = Base64.getDecoder().decode(sealed.group(1));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    try {
      boolean valid = kms.verifyMac(r -> r.keyId(keyId).macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)
          .message(digest(name, recordJson)).mac(SdkBytes.fromByteArray(mac))).macValid();
      return valid ? Optional.of(recordJson) : Optional.empty();
    } catch (KmsInvalidMacException e) {
      return Optional.empty();
    }
  }

  private static SdkBytes digest(String name, String recordJson) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(name.getBytes(StandardCharsets.UTF_8));
      sha256.update((byte) '\n');
      return SdkBytes.fromByteArray(sha256.digest(recordJson.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
