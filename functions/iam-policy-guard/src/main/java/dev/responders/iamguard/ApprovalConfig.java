package dev.responders.iamguard;

import dev.responders.shared.config.ConfigReader;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What template.yaml tells the decision and approval functions, read once at init.
 *
 * @param keyId        the KMS HMAC key that signs approval links ({@code alias/...} or a key id)
 * @param recordPrefix SSM path of the guard's records
 * @param approvalUrl  the approval endpoint's URL (the function URL), for the links; null in the approval function
 */
record ApprovalConfig(String keyId, String recordPrefix, String approvalUrl) {

  private static final Pattern URL = Pattern.compile("https?://[^\\s?#]+");

  static ApprovalConfig forDecisions(Map<String, String> environment) {
    ConfigReader env = new ConfigReader(environment);
    ApprovalConfig config = new ApprovalConfig(env.required("APPROVAL_KEY_ID"),
        env.required("GUARD_RECORD_PREFIX", GuardConfig.PARAMETER_PATH, "an SSM path such as /responders/iam-policy-guard"),
        env.required("APPROVAL_URL", URL, "the approval endpoint's http(s) URL, without query"));
    env.validate();
    return config;
  }

  static ApprovalConfig forEndpoint(Map<String, String> environment) {
    ConfigReader env = new ConfigReader(environment);
    ApprovalConfig config = new ApprovalConfig(env.required("APPROVAL_KEY_ID"),
        env.required("GUARD_RECORD_PREFIX", GuardConfig.PARAMETER_PATH, "an SSM path such as /responders/iam-policy-guard"),
        null);
    env.validate();
    return config;
  }

  String approvalRecordName(String requestId) {
    return recordPrefix + "/approvals/" + requestId;
  }
}
