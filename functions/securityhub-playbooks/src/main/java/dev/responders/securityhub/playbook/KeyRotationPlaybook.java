package dev.responders.securityhub.playbook;

import dev.responders.shared.audit.AuditLog;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyManagerType;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/** KMS.4 (CIS 1.2 2.8): automatic rotation of a customer managed symmetric key. */
public final class KeyRotationPlaybook implements Playbook<String> {

  private final KmsClient kms;

  public KeyRotationPlaybook(KmsClient kms) {
    this.kms = kms;
  }

  @Override
  public Set<String> controls() {
    return Set.of("KMS.4");
  }

  @Override
  public Plan<String> plan(Target target) {
    target.arnOf("kms", "key");
    String keyArn = target.resource().id();
    KeyMetadata key;
    try {
      key = kms.describeKey(r -> r.keyId(target.resource().id())).keyMetadata();
    } catch (NotFoundException e) {
      throw new NotRemediableException("key no longer exists");
    }
    if (key.keyManager() == KeyManagerType.AWS) {
      throw new NotRemediableException("an AWS managed key: AWS rotates it itself");
    }
    if (key.keySpec() != KeySpec.SYMMETRIC_DEFAULT) {
      throw new NotRemediableException("key spec " + key.keySpecAsString() + " cannot rotate automatically");
    }
    if (key.keyState() != KeyState.ENABLED && key.keyState() != KeyState.DISABLED) {
      throw new NotRemediableException("key is " + key.keyStateAsString());
    }
    boolean rotating = kms.getKeyRotationStatus(r -> r.keyId(key.arn())).keyRotationEnabled();
    return rotating ? Plan.compliant(keyArn) : new Plan<>(List.of("enable automatic key rotation"), keyArn);
  }

  @Override
  public void apply(Target target, Plan<String> plan, AuditLog audit) {
    var response = kms.enableKeyRotation(r -> r.keyId(plan.state()));
    audit.changed("kms:EnableKeyRotation", plan.state(), "rotation off", "rotation on", response);
  }
}
