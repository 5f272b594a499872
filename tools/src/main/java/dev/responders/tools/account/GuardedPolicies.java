package dev.responders.tools.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * What iam-policy-guard's three functions act on, seeded in the emulator for the demo and the benchmark: the
 * approval key and workflow as the template creates them, the sample events' policy {@code data-cleanup}, and the
 * events the workflow's steps and the approval link send (the emulator's Step Functions runs no Lambda task).
 */
public final class GuardedPolicies {

  /** The sample events' policy; its second statement grants s3:DeleteBucket. */
  public static final String POLICY = "data-cleanup";
  public static final String DOCUMENT = "{\"Version\":\"2012-10-17\",\"Statement\":["
      + "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"},"
      + "{\"Effect\":\"Allow\",\"Action\":[\"s3:ListBucket\",\"s3:DeleteBucket\"],\"Resource\":\"*\"}]}";
  public static final String APPROVAL_KEY_ALIAS = "alias/aws-event-responders/iam-policy-approvals";

  private static final ObjectMapper JSON = new ObjectMapper();

  private GuardedPolicies() {
  }

  /** The HMAC key approval links are signed with, under the template's alias; returns the key id. */
  public static String createApprovalKey(KmsClient kms) {
    String key = kms.createKey(r -> r.keySpec(KeySpec.HMAC_256).keyUsage(KeyUsageType.GENERATE_VERIFY_MAC))
        .keyMetadata().keyId();
    kms.createAlias(r -> r.aliasName(APPROVAL_KEY_ALIAS).targetKeyId(key));
    return key;
  }

  /** The approval workflow under the name the template gives it locally (one Pass state: nothing runs). */
  public static String createApprovalWorkflow(SfnClient sfn) {
    return sfn.createStateMachine(r -> r.name("aws-event-responders-iam-policy-approval")
        .roleArn("arn:aws:iam::123456789012:role/IamPolicyApprovalStateMachineRole")
        .definition("{\"StartAt\":\"Wait\",\"States\":{\"Wait\":{\"Type\":\"Pass\",\"End\":true}}}"))
        .stateMachineArn();
  }

  /** Creates {@link #POLICY} with {@link #DOCUMENT} as v1; returns its ARN. */
  public static String createPolicy(IamClient iam) {
    return iam.createPolicy(r -> r.policyName(POLICY).policyDocument(DOCUMENT)).policy().arn();
  }

  /** Deletes the policy (its other versions first), if it exists. */
  public static void deletePolicy(IamClient iam, String policyArn) {
    try {
      for (PolicyVersion version : iam.listPolicyVersions(r -> r.policyArn(policyArn)).versions()) {
        if (!version.isDefaultVersion()) {
          iam.deletePolicyVersion(r -> r.policyArn(policyArn).versionId(version.versionId()));
        }
      }
      iam.deletePolicy(r -> r.policyArn(policyArn));
    } catch (software.amazon.awssdk.services.iam.model.NoSuchEntityException gone) {
      // nothing to delete
    }
  }

  /** The workflow's first step: ask an administrator, with the task token the approval link answers. */
  public static String requestApprovalStep(String requestId, String taskToken, String heldInput) {
    ObjectNode request = JSON.createObjectNode().put("action", "request-approval").put("request_id", requestId)
        .put("task_token", taskToken);
    request.set("held", read(heldInput));
    return request.toString();
  }

  /** The workflow's step after an approval: restore the held version as the default. */
  public static String approveStep(String heldInput, String decidedBy) {
    ObjectNode approve = JSON.createObjectNode().put("action", "approve").put("decided_by", decidedBy);
    approve.set("held", read(heldInput));
    return approve.toString();
  }

  /** The signed token of the approval link in the request step's notification ({@code decide_at}). */
  public static String tokenOfLink(String decideAt) {
    String query = URI.create(decideAt).getRawQuery();
    return URLDecoder.decode(query.substring("token=".length()), StandardCharsets.UTF_8);
  }

  /** The approval function URL's event of the link opened ({@code GET ?token=}). */
  public static String openLink(String token) {
    return http("GET", token, null);
  }

  /** The approval function URL's event of the confirmation page's form posted with {@code decision}. */
  public static String postDecision(String token, String decision) {
    return http("POST", null, "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&decision=" + decision);
  }

  private static String http(String method, String token, String body) {
    ObjectNode event = JSON.createObjectNode().put("version", "2.0").put("routeKey", "$default").put("rawPath", "/")
        .put("isBase64Encoded", false);
    if (token != null) {
      event.putObject("queryStringParameters").put("token", token);
    }
    if (body != null) {
      event.put("body", body);
    }
    ObjectNode context = event.putObject("requestContext").put("requestId", "demo");
    context.putObject("http").put("method", method).put("path", "/").put("sourceIp", "203.0.113.9");
    return event.toString();
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
