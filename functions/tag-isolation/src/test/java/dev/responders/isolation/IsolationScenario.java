package dev.responders.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.aws.AccountScope;
import dev.responders.shared.aws.AwsClients;
import dev.responders.shared.integrity.RecordSeal;
import dev.responders.shared.json.Json;
import dev.responders.shared.notify.Notifier;
import dev.responders.tools.account.NotificationInbox;
import dev.responders.tools.account.SampleAccount;
import dev.responders.tools.account.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.elasticloadbalancing.ElasticLoadBalancingClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The account every tag-isolation integration test starts from (a VPC, a subnet, groups web and admin, profiles
 * app-server and responders-isolation, the record key, the responders' topic with an inbox), the handler as
 * Lambda builds it, and the readings the tests assert on. Clients are built as the handler builds them, so they
 * talk to whatever the test's extensions point the SDK at (moto, or the fault proxy in front of it).
 */
final class IsolationScenario {

  static final AccountScope SCOPE = new AccountScope("123456789012", "us-east-1");
  static final IsolationConfig CONFIG = config("responders-isolation", true);

  final Ec2Client ec2 = AwsClients.build(Ec2Client.builder());
  final AutoScalingClient autoScaling = AwsClients.build(AutoScalingClient.builder());
  final ElasticLoadBalancingV2Client elbv2 = AwsClients.build(ElasticLoadBalancingV2Client.builder());
  final ElasticLoadBalancingClient elb = AwsClients.build(ElasticLoadBalancingClient.builder());
  final SsmClient ssm = AwsClients.build(SsmClient.builder());
  final KmsClient kms = AwsClients.build(KmsClient.builder());
  final IamClient iam = AwsClients.build(IamClient.builder());
  final SampleAccount account = new SampleAccount(ec2, iam, autoScaling);
  final NotificationInbox inbox = NotificationInbox.create(AwsClients.build(SnsClient.builder()),
      AwsClients.build(SqsClient.builder()), "responder-notifications");
  final Notifier notifier = new Notifier(AwsClients.build(SnsClient.builder()), inbox.topicArn());
  final TagIsolationHandler handler;
  final String vpcId;
  final String subnetId;
  final String webGroup;
  final String adminGroup;
  final String appProfileArn;

  IsolationScenario() {
    SampleAccount.createRecordKey(kms);
    handler = handlerWith(CONFIG);
    vpcId = account.createVpc("10.20.0.0/16");
    subnetId = account.createSubnet(vpcId, "10.20.1.0/24");
    webGroup = account.createWebGroup(vpcId, "web");
    adminGroup = account.createWebGroup(vpcId, "admin");
    appProfileArn = account.createInstanceProfile("app-server");
    account.createInstanceProfile("responders-isolation");
  }

  static IsolationConfig config(String isolationProfile, boolean snapshotVolumes) {
    return config(isolationProfile, snapshotVolumes, true);
  }

  static IsolationConfig config(String isolationProfile, boolean snapshotVolumes, boolean cutTrackedConnections) {
    return config(isolationProfile, snapshotVolumes, cutTrackedConnections, false);
  }

  static IsolationConfig config(String isolationProfile, boolean snapshotVolumes, boolean cutTrackedConnections,
      boolean revokeRoleSessions) {
    return new IsolationConfig("SecurityResponse", "isolate", "release", isolationProfile, "SecurityResponseStatus",
        "/responders/isolation", snapshotVolumes, cutTrackedConnections, revokeRoleSessions, false,
        SampleAccount.RECORD_KEY_ALIAS, SCOPE);
  }

  TagIsolationHandler handlerWith(IsolationConfig config) {
    return new TagIsolationHandler(config, clients(), Clock.systemUTC());
  }

  TagIsolationHandler.Clients clients() {
    return new TagIsolationHandler.Clients(ec2, autoScaling, elbv2, elb, iam, ssm, kms, notifier);
  }

  /** The suite's role as the drift tests' sample event names it (events/tag-isolation/drift/match/suite-own-call.json). */
  static final String SUITE_ROLE = "arn:aws:iam::123456789012:role/aws-event-responders-TagIsolationFunctionRole-ABC123";

  TagIsolationDriftHandler driftHandler(IsolationConfig config) {
    return new TagIsolationDriftHandler(config, java.util.Set.of(SUITE_ROLE,
        "arn:aws:iam::123456789012:role/aws-event-responders-TagReleaseFunctionRole-DEF456"), clients(),
        Clock.systemUTC());
  }

  /** A drift sample with its placeholder ids replaced by the emulator's. */
  static String drift(String file, Map<String, String> ids) {
    String event = SampleEvents.read("tag-isolation", "drift/" + file);
    // Longest first: the sample interface id eni-0123... contains the sample instance id i-0123....
    for (Map.Entry<String, String> id : ids.entrySet().stream()
        .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparingInt(String::length).reversed())).toList()) {
      event = event.replace(id.getKey(), id.getValue());
    }
    return event;
  }

  JsonNode invokeDrift(IsolationConfig config, String event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    driftHandler(config).handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
    return Json.read(out.toString(StandardCharsets.UTF_8), JsonNode.class);
  }

  TagReleaseHandler releaseHandler() {
    return new TagReleaseHandler(CONFIG, clients(), Clock.systemUTC());
  }

  /** The isolator as the handler builds it, to run with a time budget of the test's choosing. */
  InstanceIsolator isolator(IsolationConfig config) {
    TagIsolationHandler.Clients clients = clients();
    return new InstanceIsolator(config, ec2, autoScaling, clients.loadBalancers(), new RoleSessionRevoker(iam),
        clients.inspector(Clock.systemUTC()), clients.priorState(config), notifier, Clock.systemUTC());
  }

  AuditLog audit(TagChangeEvent event) {
    return new AuditLog(TagIsolationHandler.NAME, event.eventId(), line -> { }, Clock.systemUTC());
  }

  String launchTagged(List<List<String>> groupsPerInterface) {
    return account.launch(subnetId, groupsPerInterface, Map.of("Name", "web-1", "SecurityResponse", "isolate"));
  }

  /** The sample event of a responder applying the isolation tag, aimed at {@code instanceId}. */
  static String applied(String instanceId) {
    return SampleEvents.aimedAt(SampleEvents.read("tag-isolation", "isolate-tag-applied.json"), instanceId);
  }

  JsonNode invoke(String event) {
    return invoke(handler, event);
  }

  /** The sample event of a responder setting the isolation tag to the release value, aimed at {@code instanceId}. */
  static String releaseRequested(String instanceId) {
    return SampleEvents.aimedAt(SampleEvents.read("tag-isolation", "release-tag-applied.json"), instanceId);
  }

  /** Sets the tag to the release value, as a responder does, and runs the release function on its event. */
  JsonNode release(String instanceId) {
    account.tag(instanceId, Map.of("SecurityResponse", "release"));
    return invokeRelease(releaseRequested(instanceId));
  }

  JsonNode invokeRelease(String event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    releaseHandler().handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
    return Json.read(out.toString(StandardCharsets.UTF_8), JsonNode.class);
  }

  static JsonNode invoke(TagIsolationHandler target, String event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    target.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
    return Json.read(out.toString(StandardCharsets.UTF_8), JsonNode.class);
  }

  List<SecurityGroup> groupsNamedLikeTheIsolationGroup() {
    return account.groupsNamed(vpcId, IsolationGroupResolver.groupName(vpcId));
  }

  SecurityGroup onlyIsolationGroup() {
    List<SecurityGroup> groups = groupsNamedLikeTheIsolationGroup();
    assertThat(groups).hasSize(1);
    return groups.get(0);
  }

  static void assertDeniesAllTraffic(SecurityGroup group) {
    assertThat(group.ipPermissions()).as("ingress of %s", group.groupId()).isEmpty();
    assertThat(group.ipPermissionsEgress()).as("egress of %s", group.groupId()).isEmpty();
  }

  /** The stored value of the instance's record parameter, as anyone reading SSM sees it. */
  String parameter(String instanceId) {
    return ssm.getParameter(r -> r.name(CONFIG.stateParameterName(instanceId))).parameter().value();
  }

  /** The incident's record, as the function can trust it: sealed with the suite's key. */
  IsolationRecord record(String instanceId) {
    String name = CONFIG.stateParameterName(instanceId);
    String json = new RecordSeal(kms, CONFIG.recordKeyId()).open(name, parameter(instanceId))
        .orElseThrow(() -> new AssertionError("the record of " + instanceId + " is not sealed by the suite"));
    return Json.read(json, IsolationRecord.class);
  }

  PriorState recordedPriorState(String instanceId) {
    return record(instanceId).prior();
  }

  /** Everything a containment could change, as EC2 reports it. */
  Map<String, Object> observableState(String instanceId) {
    return Map.of(
        "interfaces", account.interfacesOf(instanceId).stream().map(account::groupsOfInterface).toList(),
        "profile", account.profileOf(instanceId).orElse("none"),
        "tags", account.tagsOf(instanceId),
        "terminationProtected", account.terminationProtected(instanceId),
        "shutdown", account.shutdownBehavior(instanceId),
        "groups", ec2.describeSecurityGroups().securityGroups().stream()
            .map(g -> g.groupId() + " " + g.ipPermissions() + " " + g.ipPermissionsEgress()).sorted().toList());
  }

  /** The notifications on the responders' topic since the last call, as JSON messages. */
  List<JsonNode> notifications() {
    return inbox.take();
  }

  static JsonNode message(JsonNode notification) {
    return Json.read(notification.get("Message").asText(), JsonNode.class);
  }

  static String outcome(JsonNode notification) {
    return notification.get("MessageAttributes").get("outcome").get("Value").asText();
  }
}
