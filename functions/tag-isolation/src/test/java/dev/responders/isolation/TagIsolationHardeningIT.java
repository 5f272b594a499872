package dev.responders.isolation;

import static dev.responders.isolation.IsolationScenario.applied;
import static dev.responders.isolation.IsolationScenario.assertDeniesAllTraffic;
import static dev.responders.isolation.IsolationScenario.message;
import static dev.responders.isolation.IsolationScenario.outcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responders.shared.error.NotificationFailedException;
import dev.responders.shared.error.RemediationIncompleteException;
import dev.responders.shared.json.Json;
import dev.responders.tools.emulator.AwsFault;
import dev.responders.tools.emulator.FaultProxy;
import dev.responders.tools.emulator.MotoExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * tag-isolation tried as an attacker and as a failing cloud would treat it: AWS errors, throttling and IAM
 * denials injected by the fault proxy in front of moto, records and groups planted by someone who can write
 * parameters or create groups. Each test is named after the finding it closes.
 */
@ExtendWith({MotoExtension.class, FaultProxy.Extension.class})
class TagIsolationHardeningIT {

  private IsolationScenario scenario;

  @BeforeEach
  void seedAccount() {
    scenario = new IsolationScenario();
  }

  @Test
  void aRetryAfterAPartialFailureKeepsThePriorStateOfTheFirstAttempt(FaultProxy proxy) {
    List<String> members = scenario.account.autoScalingGroup("web-asg", scenario.subnetId, 2);
    String instance = members.get(0);
    scenario.account.tag(instance, Map.of("SecurityResponse", "isolate"));
    scenario.account.terminateOnShutdown(instance);
    assertThat(scenario.account.terminationProtected(instance)).isFalse();
    proxy.fail("CreateSecurityGroup", AwsFault.accessDenied(), 1);

    assertThatThrownBy(() -> scenario.invoke(applied(instance)))
        .isInstanceOf(RemediationIncompleteException.class).hasMessageContaining("resolve-isolation-group");
    assertThat(scenario.account.terminationProtected(instance)).as("the first attempt got this far").isTrue();
    assertThat(scenario.account.groupMembers("web-asg")).doesNotContain(instance);
    JsonNode retry = scenario.invoke(applied(instance));

    assertThat(retry.get("status").asText()).isEqualTo("isolated");
    IsolationRecord record = scenario.record(instance);
    assertThat(record.status()).isEqualTo(RecordStatus.CONTAINED);
    assertThat(record.prior().disableApiTermination()).as("protection as it was before the first attempt").isFalse();
    assertThat(record.prior().shutdownBehavior()).isEqualTo("terminate");
    assertThat(record.prior().autoScalingGroup()).isEqualTo("web-asg");
    assertThat(scenario.account.groupsOfInterface(scenario.account.interfacesOf(instance).get(0)))
        .containsExactly(scenario.onlyIsolationGroup().groupId());
    assertThat(scenario.notifications()).extracting(IsolationScenario::outcome)
        .containsExactly("isolation-failed", "isolated");
  }

  @Test
  void aSquattedGroupNameIsReportedAndIsolationGoesOnWithAGroupOfItsOwn(FaultProxy proxy) {
    String squatted = scenario.ec2.createSecurityGroup(r -> r.vpcId(scenario.vpcId)
        .groupName(IsolationGroupResolver.groupName(scenario.vpcId)).description("planted by someone")).groupId();
    String instance = scenario.launchTagged(List.of(List.of(scenario.webGroup)));

    JsonNode result = scenario.invoke(applied(instance));

    assertThat(result.get("status").asText()).isEqualTo("isolated");
    String used = result.get("isolation_group_ids").get(0).asText();
    assertThat(used).isNotEqualTo(squatted);
    SecurityGroup ours = scenario.ec2.describeSecurityGroups(r -> r.groupIds(used)).securityGroups().get(0);
    assertThat(ours.groupName()).startsWith(IsolationGroupResolver.groupName(scenario.vpcId) + "-");
    assertThat(ours.tags()).anySatisfy(t -> assertThat(t.key() + "=" + t.value()).isEqualTo("responders:purpose=isolation"));
    assertDeniesAllTraffic(ours);
    assertThat(scenario.account.groupsOfInterface(scenario.account.interfacesOf(instance).get(0))).containsExactly(used);
    SecurityGroup planted = scenario.ec2.describeSecurityGroups(r -> r.groupIds(squatted)).securityGroups().get(0);
    assertThat(planted.ipPermissionsEgress()).as("the squatted group is left alone").isNotEmpty();
    assertThat(result.get("warnings").get(0).asText()).contains(squatted).contains("not tagged");
    assertThat(message(scenario.notifications().get(0)).get("warnings").get(0).asText()).contains(squatted);

    String second = scenario.launchTagged(List.of(List.of(scenario.adminGroup)));
    int groupsCreated = proxy.reached("CreateSecurityGroup");
    JsonNode next = scenario.invoke(applied(second));
    assertThat(next.get("isolation_group_ids").get(0).asText()).as("the alternative group is found again").isEqualTo(used);
    assertThat(proxy.reached("CreateSecurityGroup")).isEqualTo(groupsCreated);
  }

  @Test
  void removingTheTagBeforeTheFunctionRunsIsReportedNotSilent() {
    String instance = scenario.account.launch(scenario.subnetId, List.of(List.of(scenario.webGroup)),
        Map.of("Name", "web-1"));
    Map<String, Object> before = scenario.observableState(instance);

    JsonNode result = scenario.invoke(applied(instance));

    assertThat(result.get("status").asText()).isEqualTo("skipped");
    assertThat(result.get("reason").asText()).contains("stale");
    assertThat(result.get("notification").asText()).isEqualTo("sent");
    assertThat(scenario.observableState(instance)).isEqualTo(before);
    List<JsonNode> notifications = scenario.notifications();
    assertThat(notifications).singleElement().satisfies(n -> {
      assertThat(outcome(n)).isEqualTo("skipped-stale");
      assertThat(n.get("Subject").asText()).startsWith("Isolation SKIPPED for EC2 instance " + instance);
    });
  }

  @Test
  void aNotificationThatCannotBeSentFailsTheInvocationAndTheRetrySendsIt(FaultProxy proxy) {
    String instance = scenario.launchTagged(List.of(List.of(scenario.webGroup)));
    proxy.fail("Publish", AwsFault.serverError(), 3);

    assertThatThrownBy(() -> scenario.invoke(applied(instance))).isInstanceOf(NotificationFailedException.class);
    assertThat(scenario.account.tagsOf(instance)).containsEntry("SecurityResponseStatus", "isolated");
    assertThat(scenario.record(instance).status()).as("the incident stays open until the responders hear")
        .isEqualTo(RecordStatus.CONTAINING);
    assertThat(scenario.notifications()).isEmpty();

    JsonNode retry = scenario.invoke(applied(instance));
    JsonNode redelivery = scenario.invoke(applied(instance));

    assertThat(retry.get("status").asText()).isEqualTo("isolated");
    assertThat(retry.get("notification").asText()).isEqualTo("sent");
    assertThat(scenario.record(instance).status()).isEqualTo(RecordStatus.CONTAINED);
    assertThat(redelivery.get("status").asText()).isEqualTo("already-isolated");
    assertThat(scenario.notifications()).as("told once, by the retry").singleElement()
        .satisfies(n -> assertThat(outcome(n)).isEqualTo("isolated"));
  }

  @Test
  void aRecordWrittenBySomeoneElseIsNotTrusted() {
    String instance = scenario.launchTagged(List.of(List.of(scenario.webGroup)));
    scenario.account.associateProfile(instance, "app-server");
    String forged = """
        {"status":"contained","prior":{"instance_id":"%s","interfaces":[{"network_interface_id":"eni-0","device_index":0,
         "group_ids":["sg-0000000000open0"]}],"instance_profile_arn":"arn:aws:iam::123456789012:instance-profile/admin",
         "captured_by_event":"forged-incident"},"evidence_snapshot_ids":["snap-00000000000000000"]}
        """.formatted(instance);
    scenario.ssm.putParameter(r -> r.name(IsolationScenario.CONFIG.stateParameterName(instance)).value(forged)
        .type(ParameterType.STRING));

    JsonNode result = scenario.invoke(applied(instance));

    assertThat(result.get("warnings").get(0).asText()).contains("not written by this suite");
    IsolationRecord record = scenario.record(instance);
    assertThat(record.prior().instanceProfileArn()).isEqualTo(scenario.appProfileArn);
    assertThat(record.prior().interfaces().get(0).groupIds()).containsExactly(scenario.webGroup);
    assertThat(record.incident()).isNotEqualTo("forged-incident");
    assertThat(scenario.account.evidenceSnapshotsOf(instance)).as("the forged incident does not stop the evidence")
        .isNotEmpty();
  }

  @Test
  void aRecordMovedFromAnotherInstanceIsNotTrusted() {
    String first = scenario.launchTagged(List.of(List.of(scenario.webGroup)));
    String second = scenario.launchTagged(List.of(List.of(scenario.adminGroup)));
    scenario.invoke(applied(first));
    String sealedForFirst = scenario.parameter(first);
    scenario.ssm.putParameter(r -> r.name(IsolationScenario.CONFIG.stateParameterName(second)).value(sealedForFirst)
        .type(ParameterType.STRING));

    JsonNode result = scenario.invoke(applied(second));

    assertThat(result.get("warnings").get(0).asText()).contains("not written by this suite");
    assertThat(scenario.recordedPriorState(second).interfaces().get(0).groupIds()).containsExactly(scenario.adminGroup);
  }

  @Test
  void whenTheRecordCannotBeWrittenContainmentGoesOnAndThePriorStateTravelsWithTheNotification(FaultProxy proxy) {
    String instance = scenario.launchTagged(List.of(List.of(scenario.webGroup, scenario.adminGroup)));
    proxy.failAlways("PutParameter", AwsFault.accessDenied());

    JsonNode result = scenario.invoke(applied(instance));

    assertThat(result.get("status").asText()).isEqualTo("isolated");
    assertThat(scenario.account.groupsOfInterface(scenario.account.interfacesOf(instance).get(0)))
        .containsExactly(scenario.onlyIsolationGroup().groupId());
    assertThat(result.get("warnings").get(0).asText()).contains("could not be recorded");
    assertThat(result.get("unrecorded_prior_state").get("interfaces").get(0).get("groups"))
        .extracting(JsonNode::asText).containsExactly(scenario.webGroup, scenario.adminGroup);
    JsonNode told = message(scenario.notifications().get(0));
    assertThat(told.get("unrecorded_prior_state").get("interfaces").get(0).get("groups")).hasSize(2);
  }

  @Test
  void aDeniedGroupCreationIsReportedNamingTheVpcAndTheCallThatFailed(FaultProxy proxy) {
    String instance = scenario.launchTagged(List.of(List.of(scenario.webGroup)));
    proxy.failAlways("CreateSecurityGroup", AwsFault.accessDenied());

    assertThatThrownBy(() -> scenario.invoke(applied(instance)))
        .isInstanceOf(RemediationIncompleteException.class)
        .hasMessageContaining("creating the isolation group in " + scenario.vpcId + " was refused");
    JsonNode failure = message(scenario.notifications().get(0));
    assertThat(failure.get("failed_action").asText()).isEqualTo("resolve-isolation-group");
    assertThat(failure.get("error").asText()).contains(scenario.vpcId);
  }

  @Test
  void anEventForAnotherAccountIsNeverActedOnHere() {
    String instance = scenario.launchTagged(List.of(List.of(scenario.webGroup)));
    Map<String, Object> before = scenario.observableState(instance);
    String foreign = applied(instance).replace("123456789012", "999999999999");

    JsonNode result = scenario.invoke(foreign);

    assertThat(result.get("status").asText()).isEqualTo("skipped");
    assertThat(result.get("reason").asText()).contains("999999999999").contains("123456789012");
    assertThat(scenario.observableState(instance)).isEqualTo(before);
  }

  @Test
  void aRunOutOfTimeStopsBeforeTheNextStepAndReportsIt() {
    String instance = scenario.launchTagged(List.of(List.of(scenario.webGroup)));
    int[] asked = {0};
    InstanceIsolator isolator = scenario.isolator(IsolationScenario.CONFIG);
    TagChangeEvent event = TagChangeEvent.parse(Json.read(applied(instance), JsonNode.class));

    assertThatThrownBy(() -> isolator.isolate(event, scenario.audit(event),
        dev.responders.shared.lambda.TimeBudget.remaining(() -> ++asked[0] <= 3 ? 100_000 : 5_000)))
        .isInstanceOf(RemediationIncompleteException.class)
        .hasMessageContaining("ms of the invocation are left");
    assertThat(scenario.account.tagsOf(instance)).containsEntry("SecurityResponseStatus", "isolation-failed");
    assertThat(scenario.notifications()).extracting(IsolationScenario::outcome).containsExactly("isolation-failed");

    JsonNode retry = scenario.invoke(applied(instance));
    assertThat(retry.get("status").asText()).isEqualTo("isolated");
  }

  @Test
  void concurrentDuplicateDeliveriesEndIsolatedWithNoFailureReported() throws Exception {
    List<String> members = scenario.account.autoScalingGroup("web-asg", scenario.subnetId, 2);
    String instance = members.get(0);
    scenario.account.tag(instance, Map.of("SecurityResponse", "isolate", "Name", "web-1"));
    scenario.account.associateProfile(instance, "app-server");
    int deliveries = 3;
    CyclicBarrier start = new CyclicBarrier(deliveries);
    ExecutorService pool = Executors.newFixedThreadPool(deliveries);
    List<JsonNode> results;
    try {
      List<CompletableFuture<JsonNode>> runs = IntStream.range(0, deliveries)
          .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
            await(start);
            return scenario.invoke(applied(instance));
          }, pool)).toList();
      results = runs.stream().map(CompletableFuture::join).toList();
    } finally {
      pool.shutdownNow();
    }

    assertThat(results).extracting(r -> r.get("status").asText()).allMatch(s -> s.equals("isolated")
        || s.equals("already-isolated"));
    assertThat(scenario.account.tagsOf(instance)).containsEntry("SecurityResponseStatus", "isolated");
    assertThat(scenario.notifications()).extracting(IsolationScenario::outcome).doesNotContain("isolation-failed");
    assertThat(scenario.recordedPriorState(instance).autoScalingGroup()).isEqualTo("web-asg");
    assertThat(scenario.recordedPriorState(instance).instanceProfileArn()).isEqualTo(scenario.appProfileArn);
  }

  @Test
  void aStepThatLosesARaceToAConcurrentDeliveryRereadsAndCarriesOn(FaultProxy proxy) {
    List<String> members = scenario.account.autoScalingGroup("web-asg", scenario.subnetId, 2);
    String instance = members.get(0);
    scenario.account.tag(instance, Map.of("SecurityResponse", "isolate"));
    proxy.interleave("DetachInstances", () -> scenario.autoScaling.detachInstances(r -> r
        .autoScalingGroupName("web-asg").instanceIds(instance).shouldDecrementDesiredCapacity(false)));

    JsonNode result = scenario.invoke(applied(instance));

    assertThat(result.get("status").asText()).isEqualTo("isolated");
    assertThat(proxy.reached("DetachInstances")).as("the other delivery's and this one's").isEqualTo(2);
    assertThat(scenario.account.tagsOf(instance)).containsEntry("SecurityResponseStatus", "isolated");
    assertThat(scenario.notifications()).extracting(IsolationScenario::outcome).containsExactly("isolated");
    assertThat(scenario.recordedPriorState(instance).autoScalingGroup()).isEqualTo("web-asg");
  }

  @Test
  void aStaleSkipWhoseNotificationFailsIsRetried(FaultProxy proxy) {
    String instance = scenario.account.launch(scenario.subnetId, List.of(List.of(scenario.webGroup)), Map.of());
    proxy.fail("Publish", AwsFault.throttling(), 3);

    assertThatThrownBy(() -> scenario.invoke(applied(instance))).isInstanceOf(NotificationFailedException.class);
    JsonNode retry = scenario.invoke(applied(instance));

    assertThat(retry.get("notification").asText()).isEqualTo("sent");
    assertThat(scenario.notifications()).extracting(IsolationScenario::outcome).containsExactly("skipped-stale");
  }

  @Test
  void anEventNamingTwoInstancesIsMalformedAndChangesNothing() {
    String instance = scenario.launchTagged(List.of(List.of(scenario.webGroup)));
    String other = scenario.launchTagged(List.of(List.of(scenario.adminGroup)));
    ObjectNode event = (ObjectNode) Json.read(applied(instance), JsonNode.class);
    event.withArray("resources").add("arn:aws:ec2:us-east-1:123456789012:instance/" + other);
    Map<String, Object> before = scenario.observableState(instance);

    assertThatThrownBy(() -> scenario.invoke(event.toString()))
        .isInstanceOfSatisfying(dev.responders.shared.error.InvalidEventException.class,
            e -> assertThat(e.field()).isEqualTo("resources"));
    assertThat(scenario.observableState(instance)).isEqualTo(before);
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
