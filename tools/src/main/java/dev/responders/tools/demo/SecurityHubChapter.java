package dev.responders.tools.demo;

import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.responders.tools.account.PlaybookTargets;
import dev.responders.tools.account.SampleEvents;
import dev.responders.tools.emulator.MotoServer;
import dev.responders.tools.emulator.SecurityHubDouble;
import dev.responders.tools.emulator.WireMockPeer;
import dev.responders.tools.invoke.LocalInvoker;
import dev.responders.tools.invoke.LocalInvoker.Invocation;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.PasswordPolicy;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * securityhub-playbooks: a user picks the custom action Remediate on two failed findings (a weak password policy,
 * a key without rotation); then on the same findings again, which changes nothing; then CIS 4.1 on a group open to
 * SSH from anywhere, where only that rule goes. Security Hub itself is a
 * WireMock peer (the emulator has no BatchUpdateFindings): the chapter prints the finding updates it received.
 */
final class SecurityHubChapter {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FUNCTION = "SecurityHubPlaybooksFunction";

  private final Path root;
  private final PrintStream out;

  SecurityHubChapter(Path root, PrintStream out) {
    this.root = root;
    this.out = out;
  }

  void run(MotoServer moto) throws Exception {
    WireMockServer securityHub = WireMockPeer.startLocal();
    try (IamClient iam = IamClient.builder().region(Region.AWS_GLOBAL).build(); KmsClient kms = KmsClient.create()) {
      String endpoint = new SecurityHubDouble(securityHub).takesFindingUpdates().endpoint();
      PlaybookTargets.weakPasswordPolicy(iam);
      String key = kms.createKey(r -> r.description("payments data")).keyMetadata().keyId();

      out.println();
      out.println("== securityhub-playbooks: the custom action Remediate on two failed findings ==");
      printAccount(iam, kms, key, "Before");
      Path event = Files.createTempFile("securityhub-", ".json");
      try {
        Files.writeString(event, event(key));
        Map<String, String> environment = new HashMap<>(moto.processEnvironment());
        environment.put("AWS_ENDPOINT_URL_SECURITYHUB", endpoint);
        invoke(event, environment, securityHub);
        printAccount(iam, kms, key, "After");
        out.println();
        out.println("The same action again on the same findings (a second click, or Lambda's retry):");
        invoke(event, environment, securityHub);
      } finally {
        Files.deleteIfExists(event);
      }
      sshRule(moto, securityHub, endpoint);
    } finally {
      securityHub.stop();
    }
  }

  /**
   * CIS 1.2.0 4.1 on a group opening SSH to the world and to the office network, and HTTPS to the world: only the
   * first rule goes; the same action again changes nothing.
   */
  private void sshRule(MotoServer moto, WireMockServer securityHub, String endpoint) throws Exception {
    try (Ec2Client ec2 = Ec2Client.create()) {
      String group = PlaybookTargets.groupOpenToSsh(ec2, "10.70.0.0/16");
      out.println();
      out.println("== securityhub-playbooks: CIS 1.2.0 4.1, a security group open to SSH from anywhere ==");
      printRules(ec2, group, "Before");
      Path event = Files.createTempFile("securityhub-ssh-", ".json");
      try {
        Files.writeString(event, PlaybookTargets.sshFindingOn(group));
        Map<String, String> environment = new HashMap<>(moto.processEnvironment());
        environment.put("AWS_ENDPOINT_URL_SECURITYHUB", endpoint);
        invoke(event, environment, securityHub, "CIS 1.2.0 4.1 on " + group);
        printRules(ec2, group, "After");
        out.println();
        out.println("The same action again:");
        invoke(event, environment, securityHub, "CIS 1.2.0 4.1 on " + group);
      } finally {
        Files.deleteIfExists(event);
      }
    }
  }

  private void printRules(Ec2Client ec2, String group, String when) {
    out.println(when + ": ingress of " + group);
    ec2.describeSecurityGroupRules(r -> r.filters(f -> f.name("group-id").values(group))).securityGroupRules().stream()
        .filter(rule -> !rule.isEgress())
        .forEach(rule -> out.println("  tcp " + rule.fromPort() + " from " + rule.cidrIpv4() + " (" + rule.description()
            + ")"));
  }

  /** The consolidated IAM.7 sample and the CIS 1.2.0 KMS.4 sample as one custom action, aimed at the demo key. */
  private static String event(String key) throws Exception {
    ObjectNode action = (ObjectNode) JSON.readTree(SampleEvents.read("securityhub-playbooks",
        "match/custom-action-consolidated.json"));
    JsonNode cis = JSON.readTree(SampleEvents.read("securityhub-playbooks", "match/custom-action-cis-1.2.0.json")
        .replace("1234abcd-12ab-34cd-56ef-1234567890ab", key));
    ((ArrayNode) action.get("detail").get("findings")).add(cis.get("detail").get("findings").get(0));
    return action.toString();
  }

  private void invoke(Path event, Map<String, String> environment, WireMockServer securityHub) throws Exception {
    invoke(event, environment, securityHub, "consolidated IAM.7 + CIS 1.2.0 2.8");
  }

  private void invoke(Path event, Map<String, String> environment, WireMockServer securityHub, String what)
      throws Exception {
    securityHub.resetRequests();
    Path result = Files.createTempFile("result-", ".json");
    try {
      out.println();
      out.println("> bin/invoke " + FUNCTION + " (events/securityhub-playbooks: " + what + ")");
      int status = LocalInvoker.run(Invocation.parse(new String[] {FUNCTION, event.toString()})
          .withEnvironment(environment), root, ProcessBuilder.Redirect.to(result.toFile()),
          ProcessBuilder.Redirect.DISCARD);
      if (status != 0) {
        throw new IllegalStateException(FUNCTION + " failed (exit " + status + ")");
      }
      JsonNode outcome = JSON.readTree(result.toFile());
      out.println("  status: " + outcome.path("status").asText() + ", notification: "
          + outcome.path("notification").asText("(none)"));
      for (JsonNode change : outcome.path("changes")) {
        out.println("  changed " + change.path("action").asText() + " " + change.path("target").asText());
      }
      securityHub.findAll(patchRequestedFor(urlEqualTo(SecurityHubDouble.BATCH_UPDATE))).forEach(request -> {
        JsonNode body = readTree(request.getBodyAsString());
        out.println("  Security Hub: " + body.path("Workflow").path("Status").asText() + " \""
            + body.path("Note").path("Text").asText() + "\"");
      });
    } finally {
      Files.deleteIfExists(result);
    }
  }

  private void printAccount(IamClient iam, KmsClient kms, String key, String when) {
    PasswordPolicy policy = iam.getAccountPasswordPolicy().passwordPolicy();
    out.println(when + ":");
    out.println("  password policy: minimum length " + policy.minimumPasswordLength() + ", symbols "
        + policy.requireSymbols() + ", numbers " + policy.requireNumbers() + ", upper case "
        + policy.requireUppercaseCharacters() + ", lower case " + policy.requireLowercaseCharacters()
        + ", reuse prevention " + policy.passwordReusePrevention() + ", max age " + policy.maxPasswordAge());
    out.println("  key " + key + " rotation " + kms.getKeyRotationStatus(r -> r.keyId(key)).keyRotationEnabled());
  }

  private static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
