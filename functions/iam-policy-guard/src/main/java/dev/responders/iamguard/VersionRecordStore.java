package dev.responders.iamguard;

import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.aws.Arn;
import dev.responders.shared.json.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * Keeps the document of every policy version the guard deletes, in SSM under
 * {@code <prefix>/versions/<policy id>/<version id>}: a version deleted to make room for the neutral one (IAM keeps
 * five), or a held version an administrator denied. Nothing the guard removes is lost. Policy documents reach 6 KB;
 * Intelligent-Tiering moves a record over 4 KB to the advanced tier.
 *
 * <p>In organization mode the records of every account are kept in the guard's own SSM, under
 * {@code <prefix>/versions/<account>/<policy id>/<version id>}: the account in the name, so two accounts' records
 * can never share one, whatever IAM's ids, and an operator finds an account's records by path.
 */
final class VersionRecordStore {

  private final SsmClient ssm;
  private final String prefix;
  private final boolean byAccount;

  /** @param byAccount whether the names carry the policy's account (organization mode) */
  VersionRecordStore(SsmClient ssm, String prefix, boolean byAccount) {
    this.ssm = ssm;
    this.prefix = prefix;
    this.byAccount = byAccount;
  }

  String name(String policyArn, String policyId, String versionId) {
    String account = byAccount ? Arn.parse(policyArn, "policy_arn").account() + "/" : "";
    return prefix + "/versions/" + account + policyId + "/" + versionId;
  }

  /** Records the version before it is deleted; throws when SSM refuses, so the version is then not deleted. */
  String keep(String policyArn, String policyId, String versionId, String urlEncodedDocument, String why,
      Instant now, AuditLog audit) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("policy_arn", policyArn);
    record.put("version_id", versionId);
    record.put("deleted_at", now.toString());
    record.put("why", why);
    record.put("document", URLDecoder.decode(urlEncodedDocument, StandardCharsets.UTF_8));
    String name = name(policyArn, policyId, versionId);
    var response = ssm.putParameter(r -> r.name(name).type(ParameterType.STRING).tier(ParameterTier.INTELLIGENT_TIERING)
        .overwrite(true).description("IAM policy version deleted by iam-policy-guard: " + why)
        .value(Json.write(record)));
    audit.changed("ssm:PutParameter", name, null, versionId + " of " + policyArn, response);
    return name;
  }
}
