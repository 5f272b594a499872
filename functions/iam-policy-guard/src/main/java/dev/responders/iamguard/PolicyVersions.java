package dev.responders.iamguard;

import dev.responders.shared.audit.AuditLog;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyVersion;

/**
 * A managed policy's versions as IAM holds them, and the changes the guard makes to them: hold (a neutral default,
 * the original kept as a non-default version), restore (the original the default again), discard (the held version
 * deleted). Every change is audited; the documents are read from IAM, never taken from the event.
 */
final class PolicyVersions {

  /** IAM keeps at most five versions of a managed policy. */
  static final int MAX_VERSIONS = 5;

  private final IamClient iam;
  private final VersionRecordStore records;
  private final Clock clock;

  PolicyVersions(IamClient iam, VersionRecordStore records, Clock clock) {
    this.iam = iam;
    this.records = records;
    this.clock = clock;
  }

  /** The policy, or empty when it no longer exists. */
  Optional<Policy> policy(String policyArn) {
    try {
      return Optional.of(iam.getPolicy(r -> r.policyArn(policyArn)).policy());
    } catch (NoSuchEntityException e) {
      return Optional.empty();
    }
  }

  /** The version's URL-encoded document, or empty when the version (or the policy) no longer exists. */
  Optional<String> document(String policyArn, String versionId) {
    try {
      return Optional.of(iam.getPolicyVersion(r -> r.policyArn(policyArn).versionId(versionId)).policyVersion()
          .document());
    } catch (NoSuchEntityException e) {
      return Optional.empty();
    }
  }

  /**
   * Makes the neutral document the default. When the policy already has five versions, the oldest non-default one
   * other than {@code heldVersionId} is recorded in SSM, then deleted, to make room.
   *
   * @return the neutral version's id
   */
  String hold(Policy policy, String heldVersionId, AuditLog audit) {
    List<PolicyVersion> versions = iam.listPolicyVersions(r -> r.policyArn(policy.arn())).versions();
    if (versions.size() >= MAX_VERSIONS) {
      PolicyVersion oldest = versions.stream()
          .filter(v -> !v.isDefaultVersion() && !v.versionId().equals(heldVersionId))
          .min(Comparator.comparing(PolicyVersion::createDate))
          .orElseThrow(() -> new IllegalStateException("no version of " + policy.arn() + " can make room"));
      String document = document(policy.arn(), oldest.versionId()).orElseThrow();
      records.keep(policy.arn(), policy.policyId(), oldest.versionId(), document,
          "made room for the neutral version while " + heldVersionId + " awaits approval", clock.instant(), audit);
      delete(policy.arn(), oldest.versionId(), audit);
    }
    var created = iam.createPolicyVersion(r -> r.policyArn(policy.arn()).policyDocument(NeutralPolicy.DOCUMENT)
        .setAsDefault(true));
    String neutral = created.policyVersion().versionId();
    audit.changed("iam:CreatePolicyVersion", policy.arn(), "default " + heldVersionId,
        "default " + neutral + " (neutral)", created);
    return neutral;
  }

  void setDefault(String policyArn, String versionId, String before, AuditLog audit) {
    var response = iam.setDefaultPolicyVersion(r -> r.policyArn(policyArn).versionId(versionId));
    audit.changed("iam:SetDefaultPolicyVersion", policyArn, "default " + before, "default " + versionId, response);
  }

  void delete(String policyArn, String versionId, AuditLog audit) {
    var response = iam.deletePolicyVersion(r -> r.policyArn(policyArn).versionId(versionId));
    audit.changed("iam:DeletePolicyVersion", policyArn, versionId, null, response);
  }

  VersionRecordStore records() {
    return records;
  }

  Clock clock() {
    return clock;
  }
}
