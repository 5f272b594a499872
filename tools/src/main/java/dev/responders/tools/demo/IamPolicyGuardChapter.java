package dev.responders.tools.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.responders.tools.account.GuardedPolicies;
import dev.responders.tools.account.NotificationInbox;
import dev.responders.tools.account.SampleEvents;
import dev.responders.tools.emulator.MotoServer;
import dev.responders.tools.invoke.LocalInvoker;
import dev.responders.tools.invoke.LocalInvoker.Invocation;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.kms.KmsClient;
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
      GuardedPolicies.createApprovalKey(kms);
      String stateMachine = GuardedPolicies.createApprovalWorkflow(sfn);
      String policy = GuardedPolicies.createPolicy(iam);

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
      invoke("IamPolicyDecisionFunction", "(request-approval step)",
          GuardedPolicies.requestApprovalStep(execution.name(), "demo-task-token", input), moto);
      JsonNode message = JSON.readTree(inbox.take().get(0).path("Message").asText());
      URI link = URI.create(message.path("decide_at").asText());
      String token = GuardedPolicies.tokenOfLink(link.toString());
      out.println("  link: " + link.getScheme() + "://" + link.getHost() + "/?token=" + token.substring(0, 24)
          + "... (signed, expires " + message.path("link_expires_at").asText() + ")");

      out.println();
      out.println("The administrator's mail scanner opens the link, then the administrator approves:");
      invoke("IamPolicyApprovalFunction", "(GET the link)", GuardedPolicies.openLink(token), moto);
      String approval = GuardedPolicies.postDecision(token, "approve");
      invoke("IamPolicyApprovalFunction", "(POST approve)", approval, moto);
      invoke("IamPolicyApprovalFunction", "(POST approve again: a replay)", approval, moto);

      out.println();
      out.println("The workflow's approve step; then CloudTrail's record of the guard's own neutral version:");
      invoke("IamPolicyDecisionFunction", "(approve step)", GuardedPolicies.approveStep(input, "the demo"), moto);
      for (JsonNode notification : inbox.take()) {
        out.println("  notified responders: " + notification.path("Subject").asText());
      }
      Path own = SampleEvents.folder("iam-policy-guard").resolve("match/guard-own-neutral-version.json");
      invoke(GUARD, root.relativize(own).toString(), Files.readString(own), moto);
      printVersions(iam, policy, "After");
    }
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
