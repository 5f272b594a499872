package dev.responders.tools.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responders.tools.account.NotificationInbox;
import dev.responders.tools.account.SampleEvents;
import dev.responders.tools.emulator.MotoServer;
import dev.responders.tools.invoke.LocalInvoker;
import dev.responders.tools.invoke.LocalInvoker.Invocation;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * iam-policy-guard: a developer creates a policy whose second statement grants s3:DeleteBucket. The near-misses
 * and malformed events change nothing; the real one holds the policy (a neutral default) and starts the approval.
 * The emulator's Step Functions runs no Lambda task, so the chapter plays the workflow's part: the request step
 * sends the signed link; the link's GET shows the page and decides nothing; its POST approves once, a replay is
 * refused; the approve step restores the original version as the default; the guard's own IAM calls are ignored.
 */
final class IamPolicyGuardChapter {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GUARD = "IamPolicyGuardFunction";
  private static final String DOCUMENT = "{\"Version\":\"2012-10-17\",\"Statement\":["
      + "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"},"
      + "{\"Effect\":\"Allow\",\"Action\":[\"s3:ListBucket\",\"s3:DeleteBucket\"],\"Resource\":\"*\"}]}";

  private final Path root;
  private final PrintStream out;

  IamPolicyGuardChapter(Path root, PrintStream out) {
    this.root = root;
    this.out = out;
  }

  void run(MotoServer moto) throws Exception {
    moto.reset();
    try (IamClient iam = IamClient.builder().region(Region.AWS_GLOBAL).build(); KmsClient kms = KmsClient.create();
        SfnClient sfn = SfnClient.create(); SnsClient sns = SnsClient.create(); SqsClient sqs = SqsClient.create()) {
      NotificationInbox inbox = NotificationInbox.create(sns, sqs, "ResponderNotificationsTopic");
      String key = kms.createKey(r -> r.keySpec(KeySpec.HMAC_256).keyUsage(KeyUsageType.GENERATE_VERIFY_MAC))
          .keyMetadata().keyId();
      kms.createAlias(r -> r.aliasName("alias/aws-event-responders/iam-policy-approvals").targetKeyId(key));
      String stateMachine = sfn.createStateMachine(r -> r.name("aws-event-responders-iam-policy-approval")
          .roleArn("arn:aws:iam::123456789012:role/IamPolicyApprovalStateMachineRole")
          .definition("{\"StartAt\":\"Wait\",\"States\":{\"Wait\":{\"Type\":\"Pass\",\"End\":true}}}"))
          .stateMachineArn();
      String policy = iam.createPolicy(r -> r.policyName("data-cleanup").policyDocument(DOCUMENT)).policy().arn();

      out.println();
      out.println("== iam-policy-guard: dana creates data-cleanup, whose second statement grants s3:DeleteBucket ==");
      printVersions(iam, policy, "Before");
      for (String folder : List.of("no-match", "malformed")) {
        for (Path event : events(folder)) {
          invoke(GUARD, root.relativize(event).toString(), Files.readString(event), moto);
        }
      }
      Path created = SampleEvents.folder("iam-policy-guard").resolve("match/create-policy.json");
      invoke(GUARD, root.relativize(created).toString(), Files.readString(created), moto);
      printVersions(iam, policy, "Held");
      var execution = sfn.listExecutions(r -> r.stateMachineArn(stateMachine)).executions().get(0);
      String input = sfn.describeExecution(r -> r.executionArn(execution.executionArn())).input();
      out.println("  approval workflow started: " + execution.name());

      out.println();
      out.println("The workflow's approval task (the emulator runs no Lambda task: played here):");
      ObjectNode request = JSON.createObjectNode().put("action", "request-approval").put("request_id", execution.name())
          .put("task_token", "demo-task-token");
      request.set("held", JSON.readTree(input));
      invoke("IamPolicyDecisionFunction", "(request-approval step)", request.toString(), moto);
      JsonNode message = JSON.readTree(inbox.take().get(0).path("Message").asText());
      URI link = URI.create(message.path("decide_at").asText());
      String token = URLDecoder.decode(link.getRawQuery().substring("token=".length()), StandardCharsets.UTF_8);
      out.println("  link: " + link.getScheme() + "://" + link.getHost() + "/?token=" + token.substring(0, 24)
          + "... (signed, expires " + message.path("link_expires_at").asText() + ")");

      out.println();
      out.println("The administrator's mail scanner opens the link, then the administrator approves:");
      invoke("IamPolicyApprovalFunction", "(GET the link)", http("GET", token, null), moto);
      String form = "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&decision=approve";
      invoke("IamPolicyApprovalFunction", "(POST approve)", http("POST", null, form), moto);
      invoke("IamPolicyApprovalFunction", "(POST approve again: a replay)", http("POST", null, form), moto);

      out.println();
      out.println("The workflow's approve step; then CloudTrail's record of the guard's own neutral version:");
      ObjectNode approve = JSON.createObjectNode().put("action", "approve").put("decided_by", "the demo");
      approve.set("held", JSON.readTree(input));
      invoke("IamPolicyDecisionFunction", "(approve step)", approve.toString(), moto);
      for (JsonNode notification : inbox.take()) {
        out.println("  notified responders: " + notification.path("Subject").asText());
      }
      Path own = SampleEvents.folder("iam-policy-guard").resolve("match/guard-own-neutral-version.json");
      invoke(GUARD, root.relativize(own).toString(), Files.readString(own), moto);
      printVersions(iam, policy, "After");
    }
  }

  private static String http(String method, String token, String body) throws Exception {
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

  private List<Path> events(String folder) throws Exception {
    try (Stream<Path> files = Files.list(SampleEvents.folder("iam-policy-guard").resolve(folder))) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
  }

  private void invoke(String function, String label, String event, MotoServer moto) throws Exception {
    Path input = Files.createTempFile("event-", ".json");
    Path result = Files.createTempFile("result-", ".json");
    Path log = Files.createTempFile("log-", ".txt");
    try {
      Files.writeString(input, event);
      Invocation invocation = Invocation.parse(new String[] {function, input.toString()})
          .withEnvironment(moto.processEnvironment());
      out.println();
      out.println("> bin/invoke " + function + " " + label);
      int status = LocalInvoker.run(invocation, root, ProcessBuilder.Redirect.to(result.toFile()),
          ProcessBuilder.Redirect.to(log.toFile()));
      if (status != 0) {
        String error = Files.readAllLines(log).stream()
            .filter(l -> l.startsWith("{") && l.contains("\"errorType\"")).findFirst()
            .orElseThrow(() -> new IllegalStateException(function + " failed on " + label));
        out.println("  refused: " + JSON.readTree(error).path("errorMessage").asText());
        return;
      }
      JsonNode answer = JSON.readTree(result.toFile());
      if (answer.has("statusCode")) {
        String body = answer.path("body").asText();
        String title = body.replaceAll("(?s).*<h1>(.*?)</h1>.*", "$1");
        out.println("  HTTP " + answer.path("statusCode").asInt() + ": " + title);
        return;
      }
      String reason = answer.path("reason").asText(answer.path("what").asText(""));
      out.println("  status: " + answer.path("status").asText() + (reason.isEmpty() ? "" : " (" + reason + ")"));
      for (JsonNode change : answer.path("changes")) {
        out.println("  changed " + change.path("action").asText() + " " + change.path("target").asText() + ": "
            + change.path("before").asText("(none)") + " -> " + change.path("after").asText("(none)"));
      }
    } finally {
      Files.deleteIfExists(input);
      Files.deleteIfExists(result);
      Files.deleteIfExists(log);
    }
  }

  private void printVersions(IamClient iam, String policy, String when) {
    out.println(when + ":");
    for (PolicyVersion version : iam.listPolicyVersions(r -> r.policyArn(policy)).versions().stream()
        .sorted(java.util.Comparator.comparing(PolicyVersion::versionId)).toList()) {
      String document = URLDecoder.decode(iam.getPolicyVersion(r -> r.policyArn(policy)
          .versionId(version.versionId())).policyVersion().document(), StandardCharsets.UTF_8);
      out.println("  " + version.versionId() + (version.isDefaultVersion() ? " (default) " : " ")
          + (document.contains("HeldByIamPolicyGuard") ? "neutral: grants nothing" : document));
    }
  }
}
