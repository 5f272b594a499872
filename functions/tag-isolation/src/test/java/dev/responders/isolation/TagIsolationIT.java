package dev.responders.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.responders.isolation.IsolationScenario.assertDeniesAllTraffic;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responders.shared.error.InvalidEventException;
import dev.responders.shared.error.RemediationIncompleteException;
import dev.responders.shared.json.Json;
import dev.responders.tools.account.NotificationInbox;
import dev.responders.tools.account.SampleAccount;
import dev.responders.tools.account.SampleEvents;
import dev.responders.tools.emulator.MotoExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/** The handler against EC2, IAM and SSM wire protocols (moto server): account state before, event, state after. */
@ExtendWith(MotoExtension.class)
class TagIsolationIT {

  private static final IsolationConfig CONFIG = IsolationScenario.CONFIG;

  private IsolationScenario scenario;
  private Ec2Client ec2;
  private SsmClient ssm;
  private SampleAccount account;
  private String vpcId;
  private String subnetId;
  private String webGroup;
  private String adminGroup;
  private String appProfileArn;
  private NotificationInbox inbox;

  @BeforeEach
  void seedAccount() {
    scenario = new IsolationScenario();
    ec2 = scenario.ec2;
    ssm = scenario.ssm;
    account = scenario.account;
    inbox = scenario.inbox;
    vpcId = scenario.vpcId;
    subnetId = scenario.subnetId;
    webGroup = scenario.webGroup;
    adminGroup = scenario.adminGroup;
    appProfileArn = scenario.appProfileArn;
  }

  @Test
  void isolatesASingleInterfaceInstance() {
    String instance = launchTagged(List.of(List.of(webGroup, adminGroup)));
    account.associateProfile(instance, "app-server");
    account.terminateOnShutdown(instance);

    JsonNode result = invoke(applied(instance));

    String isolationGroup = onlyIsolationGroup().groupId();
    assertThat(result.get("status").asText()).isEqualTo("isolated");
    assertThat(account.groupsOfInterface(account.interfacesOf(instance).get(0))).containsExactly(isolationGroup);
    assertThat(account.profileOf(instance)).hasValueSatisfying(arn -> assertThat(arn).endsWith("/responders-isolation"));
    assertThat(account.terminationProtected(instance)).isTrue();
    assertThat(account.shutdownBehavior(instance)).isEqualTo("stop");
    assertThat(recordedPriorState(instance).shutdownBehavior()).isEqualTo("terminate");
    assertThat(account.tagsOf(instance)).containsEntry("SecurityResponseStatus", "isolated")
        .containsEntry("SecurityResponse", "isolate");
    assertDeniesAllTraffic(onlyIsolationGroup());
    assertThat(result.get("notification").asText()).isEqualTo("sent");
    List<JsonNode> notifications = inbox.take();
    assertThat(notifications).hasSize(1);
    assertThat(notifications.get(0).get("Subject").asText()).isEqualTo("Isolated EC2 instance " + instance + " (web-1)");
    assertThat(notifications.get(0).get("MessageAttributes").get("outcome").get("Value").asText()).isEqualTo("isolated");
    JsonNode message = Json.read(notifications.get(0).get("Message").asText(), JsonNode.class);
    assertThat(message.get("isolation_group_ids").get(0).asText()).isEqualTo(isolationGroup);
    assertThat(message.get("prior_state_parameter").asText()).isEqualTo("/responders/isolation/" + instance);
  }

  @Test
  void isolatesEveryInterfaceOfAMultiHomedInstanceAndRecordsEachOnesGroups() {
    String instance = launchTagged(List.of(List.of(webGroup), List.of(adminGroup, webGroup)));
    account.associateProfile(instance, "app-server");
    List<String> interfaces = account.interfacesOf(instance);

    invoke(applied(instance));

    String isolationGroup = onlyIsolationGroup().groupId();
    assertThat(interfaces).hasSize(2).allSatisfy(eni ->
        assertThat(account.groupsOfInterface(eni)).containsExactly(isolationGroup));
    PriorState prior = recordedPriorState(instance);
    assertThat(prior.interfaces()).extracting(PriorState.InterfaceGroups::networkInterfaceId)
        .containsExactlyElementsOf(interfaces);
    assertThat(prior.interfaces().get(0).groupIds()).containsExactly(webGroup);
    assertThat(prior.interfaces().get(1).groupIds()).containsExactly(adminGroup, webGroup);
    assertThat(prior.instanceProfileArn()).isEqualTo(appProfileArn);
    assertThat(prior.disableApiTermination()).isFalse();
    assertThat(prior.shutdownBehavior()).isEqualTo("stop");
  }

  @Test
  void associatesTheIsolationProfileWhenTheInstanceHasNone() {
    String instance = launchTagged(List.of(List.of(webGroup)));

    invoke(applied(instance));

    assertThat(account.profileOf(instance)).hasValueSatisfying(arn -> assertThat(arn).endsWith("/responders-isolation"));
    assertThat(recordedPriorState(instance).instanceProfileArn()).isNull();
  }

  @Test
  void repairsAHalfBuiltIsolationGroupLeftWithItsEgressOpen() {
    String halfBuilt = ec2.createSecurityGroup(r -> r.vpcId(vpcId).groupName("responders-isolation-" + vpcId)
        .description("left over").tagSpecifications(t -> t.resourceType(ResourceType.SECURITY_GROUP)
            .tags(Tag.builder().key("responders:purpose").value("isolation").build()))).groupId();
    ec2.authorizeSecurityGroupIngress(r -> r.groupId(halfBuilt).ipPermissions(p -> p.ipProtocol("tcp")
        .fromPort(22).toPort(22).ipRanges(b -> b.cidrIp("0.0.0.0/0"))));
    assertThat(onlyIsolationGroup().ipPermissionsEgress()).isNotEmpty();
    String instance = launchTagged(List.of(List.of(webGroup)));

    invoke(applied(instance));

    assertThat(onlyIsolationGroup().groupId()).isEqualTo(halfBuilt);
    assertDeniesAllTraffic(onlyIsolationGroup());
    assertThat(account.groupsOfInterface(account.interfacesOf(instance).get(0))).containsExactly(halfBuilt);
  }

  @Test
  void theSameEventDeliveredTwiceLeavesOneGroupAndTheSameState() {
    String instance = launchTagged(List.of(List.of(webGroup), List.of(adminGroup)));
    account.associateProfile(instance, "app-server");
    String event = applied(instance);

    JsonNode first = invoke(event);
    Map<String, Object> stateAfterFirst = observableState(instance);
    String recordAfterFirst = parameter(instance);
    JsonNode second = invoke(event);

    assertThat(first.get("status").asText()).isEqualTo("isolated");
    assertThat(second.get("status").asText()).isEqualTo("already-isolated");
    assertThat(second.get("changes")).isEmpty();
    assertThat(observableState(instance)).isEqualTo(stateAfterFirst);
    assertThat(parameter(instance)).as("the prior state is not replaced by the isolated one")
        .isEqualTo(recordAfterFirst);
    assertThat(recordedPriorState(instance).instanceProfileArn()).isEqualTo(appProfileArn);
    assertThat(inbox.take()).as("responders are told once, not once per delivery").hasSize(1);
  }

  @Test
  void aNewIncidentAfterARevertRecordsTheStateOfThatTime() {
    String instance = launchTagged(List.of(List.of(webGroup)));
    account.associateProfile(instance, "app-server");
    invoke(applied(instance));
    String eni = account.interfacesOf(instance).get(0);
    ec2.modifyNetworkInterfaceAttribute(r -> r.networkInterfaceId(eni).groups(adminGroup));
    String association = ec2.describeIamInstanceProfileAssociations(r -> r.filters(f -> f.name("instance-id")
        .values(instance))).iamInstanceProfileAssociations().get(0).associationId();
    ec2.replaceIamInstanceProfileAssociation(r -> r.associationId(association)
        .iamInstanceProfile(p -> p.name("app-server")));
    ObjectNode later = (ObjectNode) Json.read(applied(instance), JsonNode.class);
    later.put("id", "second-incident");

    JsonNode result = invoke(later.toString());

    assertThat(result.get("status").asText()).isEqualTo("isolated");
    PriorState prior = recordedPriorState(instance);
    assertThat(prior.capturedByEvent()).isEqualTo("second-incident");
    assertThat(prior.interfaces().get(0).groupIds()).containsExactly(adminGroup);
    assertThat(prior.instanceProfileArn()).isEqualTo(appProfileArn);
  }

  @Test
  void twoConcurrentInvocationsCreateOneIsolationGroup() throws Exception {
    String first = launchTagged(List.of(List.of(webGroup)));
    String second = launchTagged(List.of(List.of(adminGroup)));
    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<CompletableFuture<JsonNode>> runs = Stream.of(first, second)
          .map(id -> CompletableFuture.supplyAsync(() -> {
            await(start);
            return invoke(applied(id));
          }, pool)).toList();
      List<JsonNode> results = runs.stream().map(CompletableFuture::join).toList();

      assertThat(results).allSatisfy(r -> assertThat(r.get("status").asText()).isEqualTo("isolated"));
    } finally {
      pool.shutdownNow();
    }
    String isolationGroup = onlyIsolationGroup().groupId();
    assertThat(account.groupsOfInterface(account.interfacesOf(first).get(0))).containsExactly(isolationGroup);
    assertThat(account.groupsOfInterface(account.interfacesOf(second).get(0))).containsExactly(isolationGroup);
  }

  static Stream<Arguments> nearMisses() {
    return Stream.of(
        Arguments.of("tag-removed.json", "was removed"),
        Arguments.of("other-tag-changed.json", "did not change"),
        Arguments.of("other-tag-changed-while-isolated.json", "did not change"),
        Arguments.of("wrong-value.json", "is 'monitor', not 'isolate'"),
        Arguments.of("volume-resource.json", "not an EC2 instance"),
        Arguments.of("other-service.json", "not an EC2 instance"),
        Arguments.of("release-tag-applied.json", "is 'release', not 'isolate'"),
        Arguments.of("release-value-on-other-key.json", "did not change"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nearMisses")
  void aNearMissIsASuccessfulNoOpThatSaysWhyAndChangesNothing(String file, String reason) {
    String instance = launchTagged(List.of(List.of(webGroup)));
    Map<String, Object> before = observableState(instance);

    JsonNode result = invoke(withInstance(read(file), instance));

    assertThat(result.get("status").asText()).isEqualTo("skipped");
    assertThat(result.get("reason").asText()).contains(reason);
    assertThat(observableState(instance)).isEqualTo(before);
    assertThat(account.groupsNamed(vpcId, "responders-isolation-" + vpcId)).isEmpty();
    assertThatThrownBy(() -> parameter(instance)).isInstanceOf(ParameterNotFoundException.class);
    assertThat(inbox.take()).isEmpty();
  }

  @Test
  void aStaleEventForAnInstanceNoLongerTaggedChangesNothing() {
    String instance = account.launch(subnetId, List.of(List.of(webGroup)), Map.of("Name", "web-1"));
    Map<String, Object> before = observableState(instance);

    JsonNode result = invoke(applied(instance));

    assertThat(result.get("status").asText()).isEqualTo("skipped");
    assertThat(result.get("reason").asText()).contains("the event is stale");
    assertThat(observableState(instance)).isEqualTo(before);
  }

  @Test
  void snapStartPrimingReadsButChangesNothing() {
    String instance = launchTagged(List.of(List.of(webGroup)));
    Map<String, Object> before = observableState(instance);

    scenario.handler.warmUp();

    assertThat(observableState(instance)).isEqualTo(before);
    assertThat(account.groupsNamed(vpcId, "responders-isolation-" + vpcId)).isEmpty();
    assertThat(ssm.describeParameters().parameters()).isEmpty();
  }

  @Test
  void anEventOfAnotherKindRoutedHereIsSkippedAndChangesNothing() {
    String instance = launchTagged(List.of(List.of(webGroup)));
    Map<String, Object> before = observableState(instance);
    String stateChange = """
        {"version":"0","id":"ee376907-2647-4179-9203-343cfb3017a4","detail-type":"EC2 Instance State-change Notification",
         "source":"aws.ec2","account":"123456789012","time":"2026-11-26T10:00:00Z","region":"us-east-1",
         "resources":["arn:aws:ec2:us-east-1:123456789012:instance/%s"],
         "detail":{"instance-id":"%s","state":"running"}}
        """.formatted(instance, instance);

    JsonNode result = invoke(stateChange);

    assertThat(result.get("status").asText()).isEqualTo("skipped");
    assertThat(result.get("reason").asText()).contains("not 'Tag Change on Resource' from aws.tag");
    assertThat(observableState(instance)).isEqualTo(before);
  }

  @Test
  void anEventForAnUnknownInstanceIsSkipped() {
    JsonNode result = invoke(applied("i-0fffffffffffffff0"));

    assertThat(result.get("status").asText()).isEqualTo("skipped");
    assertThat(result.get("reason").asText()).contains("does not exist");
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("detail missing", "detail"),
        Arguments.of("tags of the wrong type", "detail.tags"),
        Arguments.of("changed-tag-keys of the wrong type", "detail.changed-tag-keys"),
        Arguments.of("resource is not an ARN", "resources[0]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void aMalformedEventIsATypedErrorNamingTheFieldAndChangesNothing(String name, String field) {
    String instance = launchTagged(List.of(List.of(webGroup)));
    ObjectNode event = (ObjectNode) Json.read(applied(instance), JsonNode.class);
    ObjectNode detail = (ObjectNode) event.get("detail");
    switch (field) {
      case "detail" -> event.remove("detail");
      case "detail.tags" -> detail.put("tags", "SecurityResponse=isolate");
      case "detail.changed-tag-keys" -> detail.putObject("changed-tag-keys").put("0", "SecurityResponse");
      default -> ((ArrayNode) event.get("resources")).removeAll().add("instance/" + instance);
    }
    Map<String, Object> before = observableState(instance);

    assertThatThrownBy(() -> invoke(event.toString()))
        .isInstanceOf(InvalidEventException.class)
        .extracting(e -> ((InvalidEventException) e).field()).isEqualTo(field);
    assertThat(observableState(instance)).isEqualTo(before);
    assertThat(account.groupsNamed(vpcId, "responders-isolation-" + vpcId)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not json", "[]"})
  void aTruncatedOrNonObjectEventIsATypedError(String input) {
    assertThatThrownBy(() -> invoke(input)).isInstanceOf(InvalidEventException.class);
  }

  @Test
  void aFailureHalfWayIsReportedWithWhatWasDoneAndMarkedOnTheInstance() {
    TagIsolationHandler misconfigured = handlerWith(IsolationScenario.config("no-such-profile", true));
    String instance = launchTagged(List.of(List.of(webGroup)));

    assertThatThrownBy(() -> invoke(misconfigured, applied(instance)))
        .isInstanceOf(RemediationIncompleteException.class)
        .hasMessageContaining("ec2:ReplaceIamInstanceProfileAssociation")
        .hasMessageContaining("ec2:ModifyNetworkInterfaceAttribute " + account.interfacesOf(instance).get(0))
        .satisfies(e -> assertThat(((RemediationIncompleteException) e).completed()).isNotEmpty());
    assertThat(account.tagsOf(instance)).containsEntry("SecurityResponseStatus", "isolation-failed");
    assertThat(account.groupsOfInterface(account.interfacesOf(instance).get(0)))
        .as("the network containment done before the failure stays in place")
        .containsExactly(onlyIsolationGroup().groupId());
    List<JsonNode> notifications = inbox.take();
    assertThat(notifications).hasSize(1);
    assertThat(notifications.get(0).get("Subject").asText()).startsWith("Isolation FAILED for EC2 instance " + instance);
    JsonNode message = Json.read(notifications.get(0).get("Message").asText(), JsonNode.class);
    assertThat(message.get("failed_action").asText()).isEqualTo("ec2:ReplaceIamInstanceProfileAssociation");
    assertThat(message.get("completed").size()).isPositive();
    assertThat(message.get("completed").findValuesAsText("action")).contains("ec2:ModifyNetworkInterfaceAttribute");
  }

  @Test
  void takesTheInstanceOutOfItsAutoScalingGroupKeepingTheGroupsCapacity() {
    List<String> members = account.autoScalingGroup("web-asg", subnetId, 2);
    String instance = members.get(0);
    account.tag(instance, Map.of("SecurityResponse", "isolate"));

    JsonNode result = invoke(applied(instance));

    assertThat(result.get("status").asText()).isEqualTo("isolated");
    assertThat(account.groupMembers("web-asg")).doesNotContain(instance).hasSize(2);
    assertThat(account.desiredCapacity("web-asg")).isEqualTo(2);
    assertThat(recordedPriorState(instance).autoScalingGroup()).isEqualTo("web-asg");
    assertThat(account.instance(instance).state().nameAsString()).isEqualTo("running");
    assertThat(invoke(applied(instance)).get("status").asText()).isEqualTo("already-isolated");
  }

  @Test
  void snapshotsEveryVolumeOncePerIncident() {
    String instance = launchTagged(List.of(List.of(webGroup)));

    JsonNode first = invoke(applied(instance));
    JsonNode second = invoke(applied(instance));

    List<String> snapshots = account.evidenceSnapshotsOf(instance);
    assertThat(snapshots).isNotEmpty();
    assertThat(first.get("evidence").asText()).isEqualTo("taken");
    assertThat(first.get("snapshot_ids").size()).isEqualTo(snapshots.size());
    assertThat(second.get("snapshot_ids").get(0).asText()).isEqualTo(snapshots.get(0));
    assertThat(account.evidenceSnapshotsOf(instance)).as("no second set on redelivery").isEqualTo(snapshots);
  }

  @Test
  void takesNoSnapshotWhenEvidenceIsDisabled() {
    String instance = launchTagged(List.of(List.of(webGroup)));

    JsonNode result = invoke(handlerWith(IsolationScenario.config("responders-isolation", false)), applied(instance));

    assertThat(result.get("status").asText()).isEqualTo("isolated");
    assertThat(result.get("evidence").asText()).isEqualTo("disabled");
    assertThat(account.evidenceSnapshotsOf(instance)).isEmpty();
  }

  private TagIsolationHandler handlerWith(IsolationConfig config) {
    return scenario.handlerWith(config);
  }

  private String launchTagged(List<List<String>> groupsPerInterface) {
    return scenario.launchTagged(groupsPerInterface);
  }

  private static String applied(String instanceId) {
    return IsolationScenario.applied(instanceId);
  }

  private static String read(String file) {
    return SampleEvents.read("tag-isolation", file);
  }

  private static String withInstance(String event, String instanceId) {
    return SampleEvents.aimedAt(event, instanceId);
  }

  private JsonNode invoke(String event) {
    return scenario.invoke(event);
  }

  private static JsonNode invoke(TagIsolationHandler target, String event) {
    return IsolationScenario.invoke(target, event);
  }

  private SecurityGroup onlyIsolationGroup() {
    return scenario.onlyIsolationGroup();
  }

  private String parameter(String instanceId) {
    return scenario.parameter(instanceId);
  }

  private PriorState recordedPriorState(String instanceId) {
    return scenario.recordedPriorState(instanceId);
  }

  private Map<String, Object> observableState(String instanceId) {
    return scenario.observableState(instanceId);
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
