package dev.responders.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.shared.aws.AwsClients;
import dev.responders.tools.RepositoryRoot;
import dev.responders.tools.account.NotificationInbox;
import dev.responders.tools.account.SampleAccount;
import dev.responders.tools.account.SampleEvents;
import dev.responders.tools.emulator.MotoExtension;
import dev.responders.tools.emulator.MotoServer;
import dev.responders.tools.invoke.FunctionArtifact;
import dev.responders.tools.invoke.LocalRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The function as bin/invoke runs it: handler, code and environment read from template.yaml, in a JVM of its
 * own, against the emulator named by AWS_ENDPOINT_URL.
 */
@ExtendWith(MotoExtension.class)
class TagIsolationLocalInvokeIT {

  private final Path root = RepositoryRoot.find();
  private SampleAccount account;
  private String instance;
  private MotoServer moto;
  private NotificationInbox inbox;
  private String isolationProfileArn;

  @TempDir
  Path work;

  @BeforeEach
  void seed(MotoServer moto) {
    this.moto = moto;
    account = new SampleAccount(AwsClients.build(Ec2Client.builder()), AwsClients.build(IamClient.builder()),
        AwsClients.build(AutoScalingClient.builder()));
    String vpc = account.createVpc("10.30.0.0/16");
    String subnet = account.createSubnet(vpc, "10.30.1.0/24");
    isolationProfileArn = account.createIsolationProfile();
    SampleAccount.createRecordKey(AwsClients.build(KmsClient.builder()));
    // The name template.yaml's topic resolves to locally (no TopicName: the logical id).
    inbox = NotificationInbox.create(AwsClients.build(SnsClient.builder()), AwsClients.build(SqsClient.builder()),
        "ResponderNotificationsTopic");
    instance = account.launch(subnet, List.of(List.of(account.createWebGroup(vpc, "web"))),
        Map.of("SecurityResponse", "isolate"));
  }

  @Test
  void theArtifactIsShrunkUnderTheSizeBudget() throws Exception {
    // The package phase shrinks target/lambda (lambda-shrink.pro); every test of this class runs that artifact.
    assertThat(FunctionArtifact.in(RepositoryRoot.find().resolve("functions/tag-isolation")).zippedBytes())
        .isLessThanOrEqualTo(FunctionArtifact.SIZE_BUDGET_BYTES);
  }

  @Test
  void isolatesWithTheEnvironmentTheTemplateGivesTheFunction() throws Exception {
    LocalRun run = invoke(SampleEvents.aimedAt(SampleEvents.read("tag-isolation", "isolate-tag-applied.json"), instance));

    assertThat(run.status()).isZero();
    assertThat(run.result().get("status").asText()).isEqualTo("isolated");
    // The artifact ran under Lambda's runtime client and emulator: its REPORT line, and one metric per outcome.
    assertThat(run.report()).containsKeys("Init Duration", "Duration", "Memory Size");
    assertThat(run.metrics()).isEqualTo(Map.of("Isolated", 1));
    assertThat(run.result().get("prior_state_parameter").asText()).isEqualTo("/responders/isolation/" + instance);
    assertThat(account.tagsOf(instance)).containsEntry("SecurityResponseStatus", "isolated");
    assertThat(account.profileOf(instance)).contains(isolationProfileArn);
    assertThat(run.result().get("notification").asText()).isEqualTo("sent");
    assertThat(inbox.take()).singleElement().satisfies(n ->
        assertThat(n.get("Subject").asText()).isEqualTo("Isolated EC2 instance " + instance));
  }

  @Test
  void theReleaseFunctionRestoresWhatTheIsolationRecorded() throws Exception {
    List<String> groupsBefore = account.groupsOfInterface(account.interfacesOf(instance).get(0));
    assertThat(invoke(SampleEvents.aimedAt(SampleEvents.read("tag-isolation", "isolate-tag-applied.json"), instance))
        .status()).isZero();
    account.tag(instance, Map.of("SecurityResponse", "release"));

    // A folder of its own: bin/invoke appends a result to an output file that already exists.
    Path releaseWork = Files.createDirectories(work.resolve("release"));
    LocalRun run = LocalRun.of(root, releaseWork, moto.processEnvironment(), "TagReleaseFunction",
        SampleEvents.aimedAt(SampleEvents.read("tag-isolation", "release-tag-applied.json"), instance));

    assertThat(run.status()).as(run::log).isZero();
    assertThat(run.result().get("status").asText()).as(run::log).isEqualTo("released");
    assertThat(run.metrics()).isEqualTo(Map.of("Released", 1));
    assertThat(account.groupsOfInterface(account.interfacesOf(instance).get(0))).isEqualTo(groupsBefore);
    assertThat(account.profileOf(instance)).isEmpty();
    assertThat(account.tagsOf(instance)).containsEntry("SecurityResponseStatus", "released");
  }

  @Test
  void theDriftFunctionContainsAgainAnInterfaceMovedBack() throws Exception {
    assertThat(invoke(SampleEvents.aimedAt(SampleEvents.read("tag-isolation", "isolate-tag-applied.json"), instance))
        .status()).isZero();
    String eni = account.interfacesOf(instance).get(0);
    List<String> isolated = account.groupsOfInterface(eni);
    Ec2Client ec2 = AwsClients.build(Ec2Client.builder());
    String vpc = ec2.describeInstances(r -> r.instanceIds(instance)).reservations().get(0).instances().get(0).vpcId();
    String web = account.groupsNamed(vpc, "web").get(0).groupId();
    ec2.modifyNetworkInterfaceAttribute(r -> r.networkInterfaceId(eni).groups(web));
    inbox.take();
    String event = SampleEvents.read("tag-isolation", "drift/match/interface-groups-changed.json")
        .replace("eni-0123456789abcdef0", eni).replace("i-0123456789abcdef0", instance)
        .replace("sg-0123456789abcdef0", web);

    Path driftWork = Files.createDirectories(work.resolve("drift"));
    LocalRun run = LocalRun.of(root, driftWork, moto.processEnvironment(), "TagIsolationDriftFunction", event);

    assertThat(run.status()).as(run::log).isZero();
    assertThat(run.result().get("status").asText()).as(run::log).isEqualTo("recontained");
    assertThat(run.metrics()).isEqualTo(Map.of("Recontained", 1));
    assertThat(account.groupsOfInterface(eni)).isEqualTo(isolated);
    assertThat(inbox.take()).singleElement().satisfies(n ->
        assertThat(n.get("Subject").asText()).startsWith("Re-contained EC2 instance " + instance));
  }

  @Test
  void theReleaseAndDriftFunctionsPrimeWithoutChangingAnything() throws Exception {
    for (String function : List.of("TagReleaseFunction", "TagIsolationDriftFunction")) {
      Path folder = Files.createDirectories(work.resolve("prime-" + function));
      String event = function.equals("TagReleaseFunction") ? SampleEvents.read("tag-isolation", "wrong-value.json")
          : SampleEvents.read("tag-isolation", "drift/match/suite-own-call.json");
      LocalRun run = LocalRun.of(root, folder, moto.processEnvironment(), function, event, "--snapstart");

      assertThat(run.status()).as(run::log).isZero();
      assertThat(run.result().get("status").asText()).isEqualTo("skipped");
      assertThat(run.timing().get("snapshot_hooks_ms").asLong()).as("priming of " + function + " ran").isPositive();
      assertThat(run.log()).doesNotContain("\"kind\":\"priming\",\"outcome\":\"failed\"");
    }
    assertThat(account.tagsOf(instance)).doesNotContainKey("SecurityResponseStatus");
    assertThat(inbox.take()).isEmpty();
  }

  @Test
  void aParameterOverrideReachesTheFunction() throws Exception {
    LocalRun run = invoke(SampleEvents.aimedAt(SampleEvents.read("tag-isolation", "isolate-tag-applied.json"), instance),
        "--param", "IsolationTagValue=quarantine");

    assertThat(run.status()).isZero();
    assertThat(run.result().get("status").asText()).isEqualTo("skipped");
    assertThat(run.metrics()).isEqualTo(Map.of("Skipped", 1));
    assertThat(run.result().get("reason").asText()).isEqualTo("tag SecurityResponse is 'isolate', not 'quarantine'");
    assertThat(account.tagsOf(instance)).doesNotContainKey("SecurityResponseStatus");
  }

  @Test
  void aMalformedEventExitsOneWithLambdasErrorShape() throws Exception {
    LocalRun run = invoke("{\"id\": 1}");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.output()).isEmpty();
    assertThat(run.error().get("errorType").asText()).isEqualTo("dev.responders.shared.error.InvalidEventException");
    assertThat(run.error().get("errorMessage").asText()).isEqualTo("Invalid event: id must be a non-empty string, got a number");
  }

  @Test
  void snapStartModeRunsThePrimingHooksWithoutChangingAnything() throws Exception {
    LocalRun run = invoke(SampleEvents.read("tag-isolation", "wrong-value.json"), "--snapstart");

    assertThat(run.status()).as(run::log).isZero();
    assertThat(run.result().get("status").asText()).isEqualTo("skipped");
    JsonNode timing = run.timing();
    assertThat(timing.get("snapshot_hooks_ms").asLong()).as("priming ran (it calls EC2 and SSM)").isPositive();
    assertThat(account.tagsOf(instance)).doesNotContainKey("SecurityResponseStatus");
    assertThat(run.log()).doesNotContain("\"kind\":\"priming\",\"outcome\":\"failed\"");
  }

  private LocalRun invoke(String event, String... options) throws IOException, InterruptedException {
    return LocalRun.of(root, work, moto.processEnvironment(), "TagIsolationFunction", event, options);
  }

}
