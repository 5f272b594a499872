package dev.responders.iamguard;

import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.json.Json;
import java.util.Optional;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** The approval records in SSM; the task token in them is never written to the audit log. */
final class ApprovalRecordStore {

  private final SsmClient ssm;
  private final ApprovalConfig config;

  ApprovalRecordStore(SsmClient ssm, ApprovalConfig config) {
    this.ssm = ssm;
    this.config = config;
  }

  Optional<ApprovalRecord> find(String requestId) {
    try {
      String value = ssm.getParameter(r -> r.name(config.approvalRecordName(requestId)).withDecryption(true))
          .parameter().value();
      return Optional.of(Json.read(value, ApprovalRecord.class));
    } catch (ParameterNotFoundException e) {
      return Optional.empty();
    } catch (IllegalArgumentException unreadable) {
      return Optional.empty();
    }
  }

  void put(ApprovalRecord record, AuditLog audit) {
    String name = config.approvalRecordName(record.requestId());
    var response = ssm.putParameter(r -> r.name(name).type(ParameterType.SECURE_STRING)
        .tier(ParameterTier.INTELLIGENT_TIERING).overwrite(true)
        .description("iam-policy-guard approval of " + record.held().policyArn() + " " + record.held().heldVersionId())
        .value(Json.write(record)));
    audit.changed("ssm:PutParameter", name, null, record.status(), response);
  }
}
