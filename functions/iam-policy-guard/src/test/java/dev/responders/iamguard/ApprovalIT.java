package dev.responders.iamguard;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.responders.iamguard.GuardScenario.PREFIX;
import static dev.responders.iamguard.GuardScenario.RESTRICTED_IN_SECOND_STATEMENT;
import static dev.responders.iamguard.GuardScenario.invoke;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.responders.shared.aws.AccountScope;
import dev.responders.shared.aws.AwsClients;
import dev.responders.shared.aws.Deployment;
import dev.responders.shared.json.Json;
import dev.responders.tools.emulator.FaultProxy;
import dev.responders.tools.emulator.MotoExtension;
import dev.responders.tools.emulator.WireMockPeer;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The approval: the workflow's request step (moto: SSM, KMS GenerateMac, SNS), the approval endpoint (moto for SSM
 * and KMS VerifyMac; WireMock as Step Functions, since moto's SendTaskSuccess and SendTaskFailure accept any token
 * and keep nothing: the exact requests are verified instead), and the approve / deny / time-out steps (moto IAM).
 */
@ExtendWith({MotoExtension.class, FaultProxy.Extension.class, WireMockPeer.class})
@WireMockPeer.ForService(SfnClient.class)
class ApprovalIT {

  private static final String TASK_TOKEN = "AQCEAAAAKgAAAAMAAAAAAAAAAd1Jt3g0example-task-token";
  private static final String REQUEST_ID = "data-cleanup-v1-0123456789abcdef";

  private GuardScenario account;
  private WireMockServer stepFunctions;
  private String key;
  private String policy;
  private HeldChange held;

  @BeforeEach
  void seed(WireMockServer stepFunctions) {
    this.stepFunctions = stepFunctions;
    account = new GuardScenario();
    key = account.createKey();
    policy = account.createPolicy("data-cleanup", RESTRICTED_IN_SECOND_STATEMENT);
    account.addVersion(policy, NeutralPolicy.DOCUMENT, true);
    held = new HeldChange(policy, "v1", "v2", "event-1", "CreatePolicy", "arn:aws:iam::123456789012:user/dana",
        List.of(new Grant(1, null, "s3:deletebucket", "Action s3:deletebucket grants s3:deletebucket")), 86_400);
    stepFunctions.stubFor(post(urlEqualTo("/")).willReturn(okJson("{}")));
  }

  private IamPolicyDecisionHandler decisions() {
    return new IamPolicyDecisionHandler(new ApprovalConfig(key, PREFIX, "https://approve.example/",
        new AccountScope(GuardScenario.ACCOUNT, "us-east-1"), Deployment.SINGLE_ACCOUNT),
        AwsClients.build(IamClient.builder()), account.ssm, account.kms, account.notifier(), Clock.systemUTC());
  }

  private IamPolicyApprovalHandler endpoint(Clock clock) {
    return new IamPolicyApprovalHandler(new ApprovalConfig(key, PREFIX, null), account.ssm, account.kms,
        AwsClients.build(SfnClient.builder()), clock);
  }

  private JsonNode step(String action) {
    ObjectNode input = Json.MAPPER.createObjectNode().put("action", action);
    input.set("held", Json.MAPPER.valueToTree(held));
    if (action.equals("request-approval")) {
      input.put("request_id", REQUEST_ID).put("task_token", TASK_TOKEN);
    }
    return invoke(decisions(), input.toString());
  }

  /** Asks for the approval as the workflow does and returns the link's token from the notification. */
  private String requestApproval() {
    step("request-approval");
    JsonNode message = Json.read(account.inbox.take().get(0).get("Message").asText(), JsonNode.class);
    String query = URI.create(message.get("decide_at").asText()).getRawQuery();
    return URLDecoder.decode(query.substring("token=".length()), StandardCharsets.UTF_8);
  }

  private static String request(String method, String token, String body) {
    ObjectNode http = Json.MAPPER.createObjectNode().put("method", method).put("path", "/")
        .put("sourceIp", "203.0.113.9");
    ObjectNode context = Json.MAPPER.createObjectNode().put("requestId", "req-1");
    context.set("http", http);
    ObjectNode event = Json.MAPPER.createObjectNode().put("version", "2.0").put("routeKey", "$default")
        .put("rawPath", "/").put("isBase64Encoded", false);
    if (token != null) {
      event.putObject("queryStringParameters").put("token", token);
    }
    event.putObject("headers").put("content-type", "application/x-www-form-urlencoded");
    event.set("requestContext", context);
    if (body != null) {
      event.put("body", body);
    }
    return event.toString();
  }

  private static String form(String token, String decision) {
    return "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&decision=" + decision;
  }

  private JsonNode get(String token) {
    return invoke(endpoint(Clock.systemUTC()), request("GET", token, null));
  }

  private JsonNode postDecision(String token, String decision) {
    return invoke(endpoint(Clock.systemUTC()), request("POST", null, form(token, decision)));
  }

  private int stepFunctionsCalls() {
    return stepFunctions.findAll(anyRequestedFor(anyUrl())).size();
  }

  private String recordStatus() {
    return Json.read(account.ssm.getParameter(r -> r.name(PREFIX + "/approvals/" + REQUEST_ID).withDecryption(true))
        .parameter().value(), JsonNode.class).get("status").asText();
  }

  @Test
  void theRequestRecordsTheTaskAndSendsASignedExpiringLink() {
    String token = requestApproval();

    assertThat(token).startsWith(REQUEST_ID + ".").doesNotContain(TASK_TOKEN);
    var parameter = account.ssm.getParameter(r -> r.name(PREFIX + "/approvals/" + REQUEST_ID)).parameter();
    assertThat(parameter.typeAsString()).isEqualTo("SecureString");
    assertThat(recordStatus()).isEqualTo("pending");
    long expires = Long.parseLong(token.split("\\.")[1]);
    assertThat(expires - System.currentTimeMillis() / 1000).isBetween(86_300L, 86_400L);
  }

  @Test
  void aGetShowsTheConfirmationPageAndDecidesNothing() {
    String token = requestApproval();

    JsonNode page = get(token);

    assertThat(page.get("statusCode").asInt()).isEqualTo(200);
    assertThat(page.get("body").asText()).contains("<form method=\"post\">", "value=\"approve\"", "value=\"deny\"",
        "arn:aws:iam::123456789012:policy/data-cleanup");
    assertThat(page.get("headers").get("Referrer-Policy").asText()).isEqualTo("no-referrer");
    assertThat(page.get("headers").get("Cache-Control").asText()).isEqualTo("no-store");
    assertThat(stepFunctionsCalls()).isZero();
    assertThat(recordStatus()).isEqualTo("pending");
    assertThat(account.defaultVersion(policy)).isEqualTo("v2");
  }

  @Test
  void aPostedApprovalSendsTheTaskSuccessOnce() {
    String token = requestApproval();

    JsonNode answer = postDecision(token, "approve");

    assertThat(answer.get("statusCode").asInt()).isEqualTo(200);
    stepFunctions.verify(1, postRequestedFor(urlEqualTo("/"))
        .withHeader("X-Amz-Target", equalTo("AWSStepFunctions.SendTaskSuccess"))
        .withRequestBody(equalToJson("{\"taskToken\":\"" + TASK_TOKEN + "\",\"output\":"
            + "\"{\\\"decision\\\":\\\"approve\\\",\\\"decided_by\\\":\\\"approval link from 203.0.113.9\\\"}\"}")));
    assertThat(stepFunctionsCalls()).isEqualTo(1);
    assertThat(recordStatus()).isEqualTo("approved");
  }

  @Test
  void aPostedDenialSendsTheTaskFailure() {
    String token = requestApproval();

    assertThat(postDecision(token, "deny").get("statusCode").asInt()).isEqualTo(200);

    stepFunctions.verify(1, postRequestedFor(urlEqualTo("/"))
        .withHeader("X-Amz-Target", equalTo("AWSStepFunctions.SendTaskFailure"))
        .withRequestBody(equalToJson("{\"taskToken\":\"" + TASK_TOKEN + "\",\"error\":\"Denied\","
            + "\"cause\":\"denied through the approval link from 203.0.113.9\"}")));
    assertThat(recordStatus()).isEqualTo("denied");
  }

  @Test
  void aReplayedLinkIsRejected() {
    String token = requestApproval();
    postDecision(token, "approve");

    JsonNode replay = postDecision(token, "deny");

    assertThat(replay.get("statusCode").asInt()).isEqualTo(409);
    assertThat(get(token).get("statusCode").asInt()).isEqualTo(409);
    assertThat(stepFunctionsCalls()).isEqualTo(1);
    assertThat(recordStatus()).isEqualTo("approved");
  }

  @Test
  void aTaskStepFunctionsAlreadyClosedIsRejected() {
    String token = requestApproval();
    stepFunctions.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/x-amz-json-1.0")
        .withBody("{\"__type\":\"TaskTimedOut\",\"message\":\"Task Timed Out\"}")));

    JsonNode answer = postDecision(token, "approve");

    assertThat(answer.get("statusCode").asInt()).isEqualTo(409);
    assertThat(recordStatus()).isEqualTo("closed");
  }

  @Test
  void aConcurrentSecondPostThatStepFunctionsRefusesLeavesTheFirstDecisionOnRecord(FaultProxy proxy) {
    String token = requestApproval();
    stepFunctions.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/x-amz-json-1.0")
        .withBody("{\"__type\":\"TaskTimedOut\",\"message\":\"Task Timed Out\"}")));
    String name = PREFIX + "/approvals/" + REQUEST_ID;
    String denied = account.ssm.getParameter(r -> r.name(name).withDecryption(true)).parameter().value()
        .replace("\"status\":\"pending\"", "\"status\":\"denied\"");
    // This POST reads the record (pending); the other closes the task and records its decision before this one,
    // refused by Step Functions, reads the record again.
    proxy.interleave("GetParameter", () -> proxy.interleave("GetParameter", () ->
        account.ssm.putParameter(r -> r.name(name).type("SecureString").overwrite(true).value(denied))));

    JsonNode answer = postDecision(token, "approve");
    proxy.reset();

    assertThat(answer.get("statusCode").asInt()).isEqualTo(409);
    assertThat(recordStatus()).isEqualTo("denied");
  }

  @Test
  void aForgedLinkIsRejected() {
    String token = requestApproval();
    String[] parts = token.split("\\.");
    String otherRequest = "other-policy-v1-0123456789abcdef." + parts[1] + "." + parts[2];
    String longer = parts[0] + "." + (Long.parseLong(parts[1]) + 86_400) + "." + parts[2];
    char last = parts[2].charAt(parts[2].length() - 2);
    String flipped = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2)
        + (last == 'A' ? 'B' : 'A') + parts[2].charAt(parts[2].length() - 1);

    for (String forged : List.of(otherRequest, longer, flipped)) {
      assertThat(postDecision(forged, "approve").get("statusCode").asInt()).as(forged).isEqualTo(403);
      assertThat(get(forged).get("statusCode").asInt()).as(forged).isEqualTo(403);
    }
    assertThat(postDecision("not-a-token", "approve").get("statusCode").asInt()).isEqualTo(400);
    assertThat(stepFunctionsCalls()).isZero();
    assertThat(recordStatus()).isEqualTo("pending");
  }

  @Test
  void anExpiredLinkIsRejected() {
    String token = requestApproval();
    Clock later = Clock.offset(Clock.systemUTC(), Duration.ofHours(24).plusMinutes(1));

    JsonNode answer = invoke(endpoint(later), request("POST", null, form(token, "approve")));

    assertThat(answer.get("statusCode").asInt()).isEqualTo(410);
    assertThat(stepFunctionsCalls()).isZero();
  }

  @Test
  void otherMethodsAndDecisionsAreRefused() {
    String token = requestApproval();

    assertThat(invoke(endpoint(Clock.systemUTC()), request("DELETE", token, null)).get("statusCode").asInt())
        .isEqualTo(405);
    assertThat(postDecision(token, "approve-all").get("statusCode").asInt()).isEqualTo(400);
    assertThat(stepFunctionsCalls()).isZero();
  }

  @Test
  void approveRestoresTheOriginalExactlyAsTheNewDefault() {
    JsonNode result = step("approve");

    assertThat(result.get("status").asText()).isEqualTo("approved");
    assertThat(account.defaultVersion(policy)).isEqualTo("v1");
    assertThat(account.document(policy, "v1")).isEqualTo(RESTRICTED_IN_SECOND_STATEMENT);
    assertThat(account.versions(policy)).containsExactly("v1");
    assertThat(account.inbox.take()).singleElement().satisfies(n ->
        assertThat(n.get("Subject").asText()).isEqualTo("IAM policy change APPROVED: data-cleanup v1"));
  }

  @Test
  void denyDeletesTheHeldVersionRecordsWhyAndKeepsItNeutral() {
    String policyId = account.iam.getPolicy(r -> r.policyArn(policy)).policy().policyId();

    JsonNode result = step("deny");

    assertThat(result.get("status").asText()).isEqualTo("denied");
    assertThat(account.versions(policy)).containsExactly("v2");
    assertThat(account.document(policy, "v2")).isEqualTo(NeutralPolicy.DOCUMENT);
    JsonNode record = Json.read(account.ssm.getParameter(r -> r.name(PREFIX + "/versions/" + policyId + "/v1"))
        .parameter().value(), JsonNode.class);
    assertThat(record.get("document").asText()).isEqualTo(RESTRICTED_IN_SECOND_STATEMENT);
    assertThat(record.get("why").asText()).startsWith("denied: ");
    assertThat(account.inbox.take()).singleElement().satisfies(n ->
        assertThat(n.get("Subject").asText()).isEqualTo("IAM policy change DENIED: data-cleanup v1"));
  }

  @Test
  void aTimeoutDeniesAndKeepsItNeutral() {
    JsonNode result = step("time-out");

    assertThat(result.get("status").asText()).isEqualTo("timed-out");
    assertThat(account.versions(policy)).containsExactly("v2");
    assertThat(account.defaultVersion(policy)).isEqualTo("v2");
    assertThat(account.inbox.take()).singleElement().satisfies(n -> {
      assertThat(n.get("Subject").asText()).isEqualTo("IAM policy change TIMED OUT: data-cleanup v1");
      assertThat(n.get("MessageAttributes").get("outcome").get("Value").asText()).isEqualTo("timed-out");
    });
  }

  @Test
  void aPolicySomeoneChangedWhileHeldIsLeftAlone() {
    account.addVersion(policy, GuardScenario.UNRESTRICTED, true);

    JsonNode result = step("approve");

    assertThat(result.get("status").asText()).isEqualTo("conflict");
    assertThat(account.defaultVersion(policy)).isEqualTo("v3");
    assertThat(account.versions(policy)).containsExactly("v1", "v2", "v3");
  }

  @Test
  void approvingTwiceChangesNothingMore() {
    step("approve");
    account.inbox.take();

    JsonNode again = step("approve");

    assertThat(again.get("status").asText()).isEqualTo("approved");
    assertThat(account.versions(policy)).containsExactly("v1");
    assertThat(account.defaultVersion(policy)).isEqualTo("v1");
  }

  @Test
  void theSnapStartWarmUpsOfTheThreeFunctionsOnlyReadAndTellNoOne(FaultProxy proxy) {
    List<String> versionsBefore = account.versions(policy);
    proxy.reset();

    account.guard("arn:aws:states:us-east-1:123456789012:stateMachine:responders-iam-policy-approval").warmUp();
    decisions().warmUp();
    endpoint(Clock.systemUTC()).warmUp();

    assertThat(proxy.reachedInOrder()).as("reads, a MAC made for no request and one refused, nothing written")
        .contains("GetParameter", "GetPolicy", "GetPolicyVersion", "GenerateMac", "VerifyMac")
        .allMatch(action -> action.startsWith("Get") || action.endsWith("Mac"));
    assertThat(account.ssm.describeParameters().parameters()).isEmpty();
    assertThat(account.versions(policy)).isEqualTo(versionsBefore);
    assertThat(account.defaultVersion(policy)).isEqualTo("v2");
    assertThat(stepFunctionsCalls()).isZero();
    assertThat(account.inbox.take()).isEmpty();
  }
}
