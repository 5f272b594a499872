package dev.responders.iamguard;

import dev.responders.shared.aws.AccountScope;
import dev.responders.shared.aws.Deployment;
import dev.responders.shared.aws.DeploymentMode;
import dev.responders.shared.config.ConfigReader;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What template.yaml tells the decision and approval functions, read once at init.
 *
 * @param keyId        the KMS HMAC key that signs approval links ({@code alias/...} or a key id)
 * @param recordPrefix SSM path of the guard's records
 * @param approvalUrl  the approval endpoint's URL (the function URL), for the links; null in the approval function
 * @param scope        the decision function's account and region (where it acts with its own role); null in the
 *                     approval function, which touches no policy
 * @param deployment   single-account or organization mode: in organization mode a held policy of another account
 *                     is restored or discarded there, through the member role
 */
record ApprovalConfig(String keyId, String recordPrefix, String approvalUrl, AccountScope scope,
    Deployment deployment) {

  private static final Pattern URL = Pattern.compile("https?://[^\\s?#]+");
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

  /** The approval function's configuration: it acts in no account. */
  ApprovalConfig(String keyId, String recordPrefix, String approvalUrl) {
    this(keyId, recordPrefix, approvalUrl, null, Deployment.SINGLE_ACCOUNT);
  }

  static ApprovalConfig forDecisions(Map<String, String> environment) {
    ConfigReader env = new ConfigReader(environment);
    Deployment deployment = Deployment.read(env);
    String keyId = env.required("APPROVAL_KEY_ID");
    String prefix = env.required("GUARD_RECORD_PREFIX", GuardConfig.PARAMETER_PATH,
        "an SSM path such as /responders/iam-policy-guard");
    String url = env.required("APPROVAL_URL", URL, "the approval endpoint's http(s) URL, without query");
    String account = env.required("RESPONDERS_ACCOUNT_ID", ACCOUNT, "a 12-digit account id");
    String region = env.required("AWS_REGION");
    env.validate();
    return new ApprovalConfig(keyId, prefix, url, new AccountScope(account, region,
        deployment.organization() ? DeploymentMode.ORGANIZATION : DeploymentMode.SINGLE_ACCOUNT), deployment);
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
