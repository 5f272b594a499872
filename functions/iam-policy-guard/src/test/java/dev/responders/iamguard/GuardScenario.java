package dev.responders.iamguard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responders.shared.aws.AccountScope;
import dev.responders.shared.aws.AwsClients;
import dev.responders.shared.json.Json;
import dev.responders.shared.notify.Notifier;
import dev.responders.tools.account.NotificationInbox;
import dev.responders.tools.account.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/** The account every iam-policy-guard integration test starts from, the handlers as Lambda builds them, readings. */
final class GuardScenario {

  static final String ACCOUNT = "123456789012";
  static final String GUARD_ROLE = "arn:aws:iam::123456789012:role/IamPolicyGuardFunctionRole";
  static final String DECISION_ROLE = "arn:aws:iam::123456789012:role/IamPolicyDecisionFunctionRole";
  static final String PREFIX = "/responders/iam-policy-guard";
  static final String RESTRICTED_IN_SECOND_STATEMENT = """
      {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"},\
      {"Effect":"Allow","Action":["s3:ListBucket","s3:DeleteBucket"],"Resource":"*"}]}""";
  static final String UNRESTRICTED = """
      {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":"*"}]}""";

  final IamClient iam = AwsClients.build(IamClient.builder());
  final SsmClient ssm = AwsClients.build(SsmClient.builder());
  final KmsClient kms = AwsClients.build(KmsClient.builder());
  final NotificationInbox inbox = NotificationInbox.create(AwsClients.build(SnsClient.builder()),
      AwsClients.build(SqsClient.builder()), "responder-notifications");

  GuardConfig config(String stateMachineArn) {
    return new GuardConfig(RestrictedActionsTest.DEFAULTS, Set.of(GUARD_ROLE, DECISION_ROLE), stateMachineArn, 86_400,
        PREFIX, new AccountScope(ACCOUNT, "us-east-1"));
  }

  IamPolicyGuardHandler guard(String stateMachineArn) {
    return new IamPolicyGuardHandler(config(stateMachineArn), AwsClients.build(IamClient.builder()), ssm,
        AwsClients.build(SfnClient.builder()), notifier(), Clock.systemUTC());
  }

  Notifier notifier() {
    return new Notifier(AwsClients.build(SnsClient.builder()), inbox.topicArn());
  }

  String createKey() {
    return kms.createKey(r -> r.keySpec(KeySpec.HMAC_256).keyUsage(KeyUsageType.GENERATE_VERIFY_MAC)).keyMetadata()
        .keyId();
  }

  String createPolicy(String name, String document) {
    return iam.createPolicy(r -> r.policyName(name).policyDocument(document)).policy().arn();
  }

  String addVersion(String policyArn, String document, boolean setAsDefault) {
    return iam.createPolicyVersion(r -> r.policyArn(policyArn).policyDocument(document).setAsDefault(setAsDefault))
        .policyVersion().versionId();
  }

  String defaultVersion(String policyArn) {
    return iam.getPolicy(r -> r.policyArn(policyArn)).policy().defaultVersionId();
  }

  String document(String policyArn, String versionId) {
    return URLDecoder.decode(iam.getPolicyVersion(r -> r.policyArn(policyArn).versionId(versionId)).policyVersion()
        .document(), StandardCharsets.UTF_8);
  }

  List<String> versions(String policyArn) {
    return iam.listPolicyVersions(r -> r.policyArn(policyArn)).versions().stream().map(PolicyVersion::versionId)
        .sorted().toList();
  }

  /** A sample event of events/iam-policy-guard aimed at {@code policyArn} and {@code versionId}. */
  static String event(String file, String policyArn, String versionId) {
    ObjectNode event = (ObjectNode) Json.read(SampleEvents.read("iam-policy-guard", file), JsonNode.class);
    ObjectNode detail = (ObjectNode) event.get("detail");
    String name = detail.path("eventName").asText();
    if (name.equals("CreatePolicy") && detail.path("responseElements").has("policy")) {
      ObjectNode policy = (ObjectNode) detail.get("responseElements").get("policy");
      policy.put("arn", policyArn);
      policy.put("defaultVersionId", versionId);
    } else if (detail.path("requestParameters").has("policyArn")) {
      ((ObjectNode) detail.get("requestParameters")).put("policyArn", policyArn);
      if (name.equals("SetDefaultPolicyVersion")) {
        ((ObjectNode) detail.get("requestParameters")).put("versionId", versionId);
      } else if (detail.path("responseElements").has("policyVersion")) {
        ((ObjectNode) detail.get("responseElements").get("policyVersion")).put("versionId", versionId);
      }
    }
    return event.toString();
  }

  static JsonNode invoke(com.amazonaws.services.lambda.runtime.RequestStreamHandler handler, String event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return Json.read(out.toString(StandardCharsets.UTF_8), JsonNode.class);
  }
}
