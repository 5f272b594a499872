package dev.responders.tools.demo;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.responders.tools.account.SampleEvents;
import dev.responders.tools.emulator.MotoServer;
import dev.responders.tools.invoke.LocalInvoker;
import dev.responders.tools.invoke.LocalInvoker.Invocation;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
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
    WireMockServer securityHub = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    securityHub.start();
    try (IamClient iam = IamClient.builder().region(Region.AWS_GLOBAL).build(); KmsClient kms = KmsClient.create()) {
      securityHub.stubFor(patch(urlEqualTo("/findings/batchupdate"))
          .willReturn(okJson("{\"ProcessedFindings\":[],\"UnprocessedFindings\":[]}")));
      iam.updateAccountPasswordPolicy(r -> r.minimumPasswordLength(8).requireNumbers(true)
          .allowUsersToChangePassword(true));
      String key = kms.createKey(r -> r.description("payments data")).keyMetadata().keyId();

      out.println();
      out.println("== securityhub-playbooks: the custom action Remediate on two failed findings ==");
      printAccount(iam, kms, key, "Before");
      Path event = Files.createTempFile("securityhub-", ".json");
      try {
        Files.writeString(event, event(key));
        Map<String, String> environment = new HashMap<>(moto.processEnvironment());
        environment.put("AWS_ENDPOINT_URL_SECURITYHUB", "http://127.0.0.1:" + securityHub.port());
        invoke(event, environment, securityHub);
        printAccount(iam, kms, key, "After");
        out.println();
        out.println("The same action again on the same findings (a second click, or Lambda's retry):");
        invoke(event, environment, securityHub);
      } finally {
        Files.deleteIfExists(event);
      }
      sshRule(moto, securityHub);
    } finally {
      securityHub.stop();
    }
  }

  /**
   * CIS 1.2.0 4.1 on a group opening SSH to the world and to the office network, and HTTPS to the world: only the
   * first rule goes; the same action again changes nothing.
   */
  private void sshRule(MotoServer moto, WireMockServer securityHub) throws Exception {
    try (Ec2Client ec2 = Ec2Client.create()) {
      String vpc = ec2.createVpc(r -> r.cidrBlock("10.70.0.0/16")).vpc().vpcId();
      String group = ec2.createSecurityGroup(r -> r.groupName("web").description("web servers").vpcId(vpc)).groupId();
      ec2.authorizeSecurityGroupIngress(r -> r.groupId(group).ipPermissions(
          tcp(22, "0.0.0.0/0", "admin from anywhere"), tcp(22, "10.0.0.0/8", "admin from the office"),
          tcp(443, "0.0.0.0/0", "https")));
      out.println();
      out.println("== securityhub-playbooks: CIS 1.2.0 4.1, a security group open to SSH from anywhere ==");
      printRules(ec2, group, "Before");
      Path event = Files.createTempFile("securityhub-ssh-", ".json");
      try {
        Files.writeString(event, SampleEvents.read("securityhub-playbooks", "match/custom-action-cis-1.2.0-ssh-open.json")
            .replace("sg-0123456789abcdef0", group));
        Map<String, String> environment = new HashMap<>(moto.processEnvironment());
        environment.put("AWS_ENDPOINT_URL_SECURITYHUB", "http://127.0.0.1:" + securityHub.port());
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

  private static IpPermission tcp(int port, String cidr, String description) {
    return IpPermission.builder().ipProtocol("tcp").fromPort(port).toPort(port)
        .ipRanges(r -> r.cidrIp(cidr).description(description)).build();
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
      securityHub.findAll(patchRequestedFor(urlEqualTo("/findings/batchupdate"))).forEach(request -> {
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
