package dev.responders.securityhub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.responders.shared.json.Json;
import dev.responders.tools.emulator.MotoExtension;
import dev.responders.tools.emulator.WireMockPeer;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudtrail.model.Trail;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;

/** CloudTrail.4, .2, .6, .5, .7: a trail and its bucket, before and after, then a second run that changes nothing. */
@ExtendWith({MotoExtension.class, WireMockPeer.class})
@WireMockPeer.ForService(SecurityHubClient.class)
class CloudTrailPlaybooksIT {

  static final String BUCKET = "trail-logs-123456789012";
  static final String LOG_BUCKET = "access-logs-123456789012";
  static final String LOGS_ROLE = "arn:aws:iam::123456789012:role/cloudtrail-to-logs";

  private PlaybooksScenario scenario;
  private String trailArn;

  @BeforeEach
  void seed(WireMockServer securityHub) {
    scenario = new PlaybooksScenario(securityHub);
    scenario.s3.createBucket(r -> r.bucket(BUCKET));
    trailArn = scenario.cloudTrail.createTrail(r -> r.name(PlaybooksScenario.SAMPLE_TRAIL).s3BucketName(BUCKET))
        .trailARN();
  }

  @Test
  void turnsLogFileValidationOnFromACis140FindingThenChangesNothing() {
    String event = PlaybooksScenario.sample("match/custom-action-cis-1.4.0.json");
    assertThat(trail().logFileValidationEnabled()).isFalse();

    JsonNode result = scenario.invoke(event);

    assertThat(trail().logFileValidationEnabled()).isTrue();
    assertThat(result.get("findings").get(0).get("control_id").asText()).isEqualTo("CloudTrail.4");
    scenario.assertOnlyUpdate(PlaybooksScenario.findingId(event, 0), "RESOLVED",
        "CloudTrail.4 remediated and verified: turn log file validation on");

    scenario.forgetSecurityHubRequests();
    scenario.invoke(event);
    assertThat(trail().logFileValidationEnabled()).isTrue();
    scenario.assertOnlyUpdate(PlaybooksScenario.findingId(event, 0), "RESOLVED",
        "CloudTrail.4 already compliant, nothing changed");
  }

  @Test
  void encryptsTheTrailWithOneKeyOfItsOwnFoundAgainByAlias() {
    String event = PlaybooksScenario.customAction("CloudTrail.2", "AwsCloudTrailTrail", trailArn);
    assertThat(trail().kmsKeyId()).isNull();

    JsonNode result = scenario.invoke(event);

    assertThat(scenario.kms.listKeys().keys()).hasSize(1);
    String keyArn = scenario.kms.describeKey(r -> r.keyId("alias/responders/cloudtrail/management-events"))
        .keyMetadata().arn();
    assertThat(trail().kmsKeyId()).isEqualTo(keyArn);
    assertThat(scenario.kms.getKeyRotationStatus(r -> r.keyId(keyArn)).keyRotationEnabled()).isTrue();
    JsonNode policy = Json.read(scenario.kms.getKeyPolicy(r -> r.keyId(keyArn).policyName("default")).policy(),
        JsonNode.class);
    JsonNode cloudTrailEncrypts = policy.get("Statement").get(1);
    assertThat(cloudTrailEncrypts.get("Principal").get("Service").asText()).isEqualTo("cloudtrail.amazonaws.com");
    assertThat(cloudTrailEncrypts.get("Action").asText()).isEqualTo("kms:GenerateDataKey*");
    assertThat(cloudTrailEncrypts.get("Condition").get("StringEquals").get("aws:SourceArn").asText())
        .isEqualTo(trailArn);
    assertThat(result.get("findings").get(0).get("status").asText()).isEqualTo("remediated");
    scenario.assertOnlyUpdate(PlaybooksScenario.findingIdOf("CloudTrail.2"), "RESOLVED",
        "CloudTrail.2 remediated and verified: create a rotating KMS key for the trail,"
            + " alias/responders/cloudtrail/management-events; encrypt the trail's log files with"
            + " alias/responders/cloudtrail/management-events");

    scenario.forgetSecurityHubRequests();
    scenario.invoke(event);

    assertThat(scenario.kms.listKeys().keys()).as("never a second key").hasSize(1);
    assertThat(trail().kmsKeyId()).isEqualTo(keyArn);
    scenario.assertOnlyUpdate(PlaybooksScenario.findingIdOf("CloudTrail.2"), "RESOLVED",
        "CloudTrail.2 already compliant, nothing changed");
  }

  @Test
  void blocksPublicAccessToTheTrailBucketAndRemovesOnlyThePublicGrants() {
    scenario.s3.putBucketAcl(r -> r.bucket(BUCKET).acl(BucketCannedACL.PUBLIC_READ));
    assertThat(publicGrants()).isNotEmpty();
    String event = PlaybooksScenario.customAction("CloudTrail.6", "AwsS3Bucket", "arn:aws:s3:::" + BUCKET);

    scenario.invoke(event);

    PublicAccessBlockConfiguration block = scenario.s3.getPublicAccessBlock(r -> r.bucket(BUCKET))
        .publicAccessBlockConfiguration();
    assertThat(block.blockPublicAcls() && block.ignorePublicAcls() && block.blockPublicPolicy()
        && block.restrictPublicBuckets()).isTrue();
    assertThat(publicGrants()).isEmpty();
    assertThat(scenario.s3.getBucketAcl(r -> r.bucket(BUCKET)).grants()).as("the owner's grant stays")
        .anySatisfy(g -> assertThat(g.grantee().id()).isNotNull());
    scenario.assertOnlyUpdate(PlaybooksScenario.findingIdOf("CloudTrail.6"), "RESOLVED",
        "CloudTrail.6 remediated and verified: turn on all four public access block settings of"
            + " bucket " + BUCKET + "; remove ACL grant READ to AllUsers");

    scenario.forgetSecurityHubRequests();
    scenario.invoke(event);
    scenario.assertOnlyUpdate(PlaybooksScenario.findingIdOf("CloudTrail.6"), "RESOLVED",
        "CloudTrail.6 already compliant, nothing changed");
  }

  @Test
  void withoutTheLogsRoleParameterCloudTrail5IsNotifiedNamingIt() {
    JsonNode result = scenario.invoke(PlaybooksScenario.customAction("CloudTrail.5", "AwsCloudTrailTrail", trailArn));

    assertThat(trail().cloudWatchLogsLogGroupArn()).isNull();
    assertThat(result.get("findings").get(0).get("status").asText()).isEqualTo("missing-parameter");
    scenario.assertOnlyUpdate(PlaybooksScenario.findingIdOf("CloudTrail.5"), "NOTIFIED",
        "CloudTrail.5 not remediated (parameter missing): needs template parameter"
            + " CloudTrailLogsRoleArn, which is not set");
  }

  @Test
  void deliversTheTrailToCloudWatchLogsReusingAnExistingGroupThenChangesNothing() {
    scenario.logs.createLogGroup(r -> r.logGroupName("/aws/cloudtrail/management-events"));
    SecurityHubPlaybooksHandler handler = scenario.handler(PlaybooksScenario.config(Set.of(), false, LOGS_ROLE, null),
        Clock.systemUTC());
    String event = PlaybooksScenario.customAction("CloudTrail.5", "AwsCloudTrailTrail", trailArn);

    scenario.invoke(handler, event);

    assertThat(trail().cloudWatchLogsLogGroupArn()).isEqualTo(
        "arn:aws:logs:us-east-1:123456789012:log-group:/aws/cloudtrail/management-events:*");
    assertThat(trail().cloudWatchLogsRoleArn()).isEqualTo(LOGS_ROLE);
    assertThat(scenario.logs.describeLogGroups().logGroups()).as("the existing group, no second").hasSize(1);
    scenario.assertOnlyUpdate(PlaybooksScenario.findingIdOf("CloudTrail.5"), "RESOLVED",
        "CloudTrail.5 remediated and verified: deliver the trail to"
            + " /aws/cloudtrail/management-events as " + LOGS_ROLE);

    scenario.forgetSecurityHubRequests();
    PlaybooksScenario.invoke(handler, event);
    assertThat(scenario.logs.describeLogGroups().logGroups()).hasSize(1);
    scenario.assertOnlyUpdate(PlaybooksScenario.findingIdOf("CloudTrail.5"), "RESOLVED",
        "CloudTrail.5 already compliant, nothing changed");
  }

  @Test
  void createsTheLogGroupWithAYearsRetentionWhenThereIsNone() {
    SecurityHubPlaybooksHandler handler = scenario.handler(PlaybooksScenario.config(Set.of(), false, LOGS_ROLE, null),
        Clock.systemUTC());

    PlaybooksScenario.invoke(handler, PlaybooksScenario.customAction("CloudTrail.5", "AwsCloudTrailTrail", trailArn));

    assertThat(scenario.logs.describeLogGroups().logGroups()).singleElement().satisfies(g -> {
      assertThat(g.logGroupName()).isEqualTo("/aws/cloudtrail/management-events");
      assertThat(g.retentionInDays()).isEqualTo(365);
    });
    assertThat(trail().cloudWatchLogsLogGroupArn()).endsWith(":log-group:/aws/cloudtrail/management-events:*");
  }

  @Test
  void withoutTheAccessLogBucketParameterCloudTrail7IsNotifiedNamingIt() {
    scenario.invoke(PlaybooksScenario.customAction("CloudTrail.7", "AwsS3Bucket", "arn:aws:s3:::" + BUCKET));

    assertThat(scenario.s3.getBucketLogging(r -> r.bucket(BUCKET)).loggingEnabled()).isNull();
    scenario.assertOnlyUpdate(PlaybooksScenario.findingIdOf("CloudTrail.7"), "NOTIFIED",
        "CloudTrail.7 not remediated (parameter missing): needs template parameter"
            + " AccessLogBucketName, which is not set");
  }

  @Test
  void turnsAccessLoggingOnForTheTrailBucketThenChangesNothing() {
    scenario.s3.createBucket(r -> r.bucket(LOG_BUCKET));
    scenario.s3.putBucketAcl(r -> r.bucket(LOG_BUCKET).grantWrite("uri=http://acs.amazonaws.com/groups/s3/LogDelivery")
        .grantReadACP("uri=http://acs.amazonaws.com/groups/s3/LogDelivery"));
    SecurityHubPlaybooksHandler handler = scenario.handler(
        PlaybooksScenario.config(Set.of(), false, null, LOG_BUCKET), Clock.systemUTC());
    String event = PlaybooksScenario.customAction("CloudTrail.7", "AwsCloudTrailTrail", trailArn);

    PlaybooksScenario.invoke(handler, event);

    var logging = scenario.s3.getBucketLogging(r -> r.bucket(BUCKET)).loggingEnabled();
    assertThat(logging.targetBucket()).isEqualTo(LOG_BUCKET);
    assertThat(logging.targetPrefix()).isEqualTo(BUCKET + "/");
    scenario.assertOnlyUpdate(PlaybooksScenario.findingIdOf("CloudTrail.7"), "RESOLVED",
        "CloudTrail.7 remediated and verified: log access to bucket " + BUCKET + " into "
            + LOG_BUCKET + "/" + BUCKET + "/");

    scenario.forgetSecurityHubRequests();
    PlaybooksScenario.invoke(handler, event);
    scenario.assertOnlyUpdate(PlaybooksScenario.findingIdOf("CloudTrail.7"), "RESOLVED",
        "CloudTrail.7 already compliant, nothing changed");
  }

  private Trail trail() {
    return scenario.cloudTrail.describeTrails(r -> r.trailNameList(trailArn)).trailList().get(0);
  }

  private java.util.List<Grant> publicGrants() {
    return scenario.s3.getBucketAcl(r -> r.bucket(BUCKET)).grants().stream()
        .filter(g -> g.grantee().uri() != null && g.grantee().uri().contains("AllUsers")).toList();
  }

}
