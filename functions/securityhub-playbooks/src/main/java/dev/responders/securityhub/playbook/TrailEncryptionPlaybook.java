package dev.responders.securityhub.playbook;

import dev.responders.securityhub.playbook.TrailEncryptionPlaybook.Encryption;
import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Trail;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AlreadyExistsException;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/**
 * CloudTrail.2 (CIS 1.2 2.7): the trail's log files encrypted with a KMS key. One key per trail, named by the alias
 * {@code alias/responders/cloudtrail/<trail>} and found again by it on every later run, so a retry after a failure
 * half-way never creates a second key. The key policy lets CloudTrail encrypt for this trail only and the account
 * decrypt; the key rotates (KMS.4).
 */
public final class TrailEncryptionPlaybook implements Playbook<Encryption> {

  static final String ALIAS_PREFIX = "alias/responders/cloudtrail/";
  static final String PURPOSE_TAG = "responders:purpose";
  static final String PURPOSE = "cloudtrail-encryption";

  private final CloudTrailClient cloudTrail;
  private final KmsClient kms;

  public TrailEncryptionPlaybook(CloudTrailClient cloudTrail, KmsClient kms) {
    this.cloudTrail = cloudTrail;
    this.kms = kms;
  }

  /** The trail and its key as found by alias (null when there is none yet). */
  public record Encryption(Trail trail, String alias, String keyArn) {
  }

  @Override
  public Set<String> controls() {
    return Set.of("CloudTrail.2");
  }

  /** The alias of a trail's key; alias names allow letters, digits, '/', '_' and '-' only. */
  static String aliasOf(String trailName) {
    return ALIAS_PREFIX + trailName.replaceAll("[^A-Za-z0-9/_-]", "_");
  }

  @Override
  public Plan<Encryption> plan(Target target) {
    Trail trail = Trails.trail(cloudTrail, target);
    String alias = aliasOf(trail.name());
    String keyArn = keyByAlias(alias);
    Encryption encryption = new Encryption(trail, alias, keyArn);
    if (trail.kmsKeyId() != null && !trail.kmsKeyId().isBlank()) {
      return Plan.compliant(encryption);
    }
    List<String> steps = new ArrayList<>();
    if (keyArn == null) {
      steps.add("create a rotating KMS key for the trail, " + alias);
    }
    steps.add("encrypt the trail's log files with " + (keyArn == null ? alias : keyArn));
    return new Plan<>(steps, encryption);
  }

  @Override
  public void apply(Target target, Plan<Encryption> plan, AuditLog audit) {
    Encryption encryption = plan.state();
    String keyArn = encryption.keyArn() == null ? createKey(encryption, audit) : encryption.keyArn();
    var response = cloudTrail.updateTrail(r -> r.name(encryption.trail().trailARN()).kmsKeyId(keyArn));
    audit.changed("cloudtrail:UpdateTrail(KmsKeyId)", encryption.trail().trailARN(), null, keyArn, response);
  }

  private String createKey(Encryption encryption, AuditLog audit) {
    Trail trail = encryption.trail();
    var created = kms.createKey(r -> r.description("Encrypts the log files of CloudTrail trail " + trail.name()
            + " (aws-event-responders, CloudTrail.2)")
        .policy(keyPolicy(trail.trailARN()))
        .tags(t -> t.tagKey(PURPOSE_TAG).tagValue(PURPOSE)));
    String keyArn = created.keyMetadata().arn();
    audit.changed("kms:CreateKey", keyArn, null, encryption.alias(), created);
    try {
      var aliased = kms.createAlias(r -> r.aliasName(encryption.alias()).targetKeyId(keyArn));
      audit.changed("kms:CreateAlias", encryption.alias(), null, keyArn, aliased);
    } catch (AlreadyExistsException e) {
      // A concurrent run named its own key first: use that one, and retire the key made here.
      String winner = keyByAlias(encryption.alias());
      var retired = kms.scheduleKeyDeletion(r -> r.keyId(keyArn).pendingWindowInDays(7));
      audit.changed("kms:ScheduleKeyDeletion", keyArn, "created by this run", "deletion in 7 days: " + winner
          + " holds the alias", retired);
      return winner;
    }
    var rotation = kms.enableKeyRotation(r -> r.keyId(keyArn));
    audit.changed("kms:EnableKeyRotation", keyArn, "rotation off", "rotation on", rotation);
    return keyArn;
  }

  private String keyByAlias(String alias) {
    try {
      return kms.describeKey(r -> r.keyId(alias)).keyMetadata().arn();
    } catch (NotFoundException e) {
      return null;
    }
  }

  /** The account administers and decrypts; CloudTrail may encrypt for this trail only. */
  static String keyPolicy(String trailArn) {
    String[] parts = trailArn.split(":");
    String partition = parts[1];
    String account = parts[4];
    String anyTrailOfAccount = "arn:" + partition + ":cloudtrail:*:" + account + ":trail/*";
    return Json.write(Map.of("Version", "2012-10-17", "Statement", List.of(
        Map.of("Sid", "AccountAdministersTheKey", "Effect", "Allow",
            "Principal", Map.of("AWS", "arn:" + partition + ":iam::" + account + ":root"),
            "Action", "kms:*", "Resource", "*"),
        Map.of("Sid", "CloudTrailEncryptsThisTrail", "Effect", "Allow",
            "Principal", Map.of("Service", "cloudtrail.amazonaws.com"), "Action", "kms:GenerateDataKey*",
            "Resource", "*", "Condition", Map.of(
                "StringEquals", Map.of("aws:SourceArn", trailArn),
                "StringLike", Map.of("kms:EncryptionContext:aws:cloudtrail:arn", anyTrailOfAccount))),
        Map.of("Sid", "CloudTrailDescribesTheKey", "Effect", "Allow",
            "Principal", Map.of("Service", "cloudtrail.amazonaws.com"), "Action", "kms:DescribeKey",
            "Resource", "*"),
        Map.of("Sid", "AccountDecryptsTheLogs", "Effect", "Allow", "Principal", Map.of("AWS", "*"),
            "Action", List.of("kms:Decrypt", "kms:ReEncryptFrom"), "Resource", "*", "Condition", Map.of(
                "StringEquals", Map.of("kms:CallerAccount", account),
                "StringLike", Map.of("kms:EncryptionContext:aws:cloudtrail:arn", anyTrailOfAccount))))));
  }
}
