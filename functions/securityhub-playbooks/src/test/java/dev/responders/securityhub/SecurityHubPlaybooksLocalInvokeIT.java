package dev.responders.securityhub;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.responders.shared.aws.AwsClients;
import dev.responders.shared.json.Json;
import dev.responders.tools.RepositoryRoot;
import dev.responders.tools.account.NotificationInbox;
import dev.responders.tools.account.SampleEvents;
import dev.responders.tools.emulator.MotoExtension;
import dev.responders.tools.emulator.MotoServer;
import dev.responders.tools.emulator.WireMockPeer;
import dev.responders.tools.invoke.FunctionArtifact;
import dev.responders.tools.invoke.LocalRun;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The deployed artifact of SecurityHubPlaybooksFunction, run by Lambda's runtime interface client under the
 * emulator, with the environment template.yaml gives it: moto for KMS, S3, CloudTrail and SNS, the WireMock peer for
 * Security Hub.
 */
@ExtendWith({MotoExtension.class, WireMockPeer.class})
class SecurityHubPlaybooksLocalInvokeIT {

  @TempDir
  Path work;

  /** The notification topic's subscriber, created by {@link #runCompleted}. */
  private NotificationInbox inbox;

  /**
   * What this artifact may weigh: 30 MB, three times the suite's 10 MB budget, because ProGuard keeps every
   * request class of every service in it. S3's client builder links its cross-region client
   * (S3CrossRegionSyncClient, by a method reference, even when cross-region access is off) and that client reads
   * a request's bucket through SdkRequest.getValueForField, which every request class overrides; ProGuard does
   * not track which classes are instantiated, so each override and its class stay. Leaving the cross-region
   * package out of ProGuard's input breaks the S3 client at build time (NoClassDefFoundError, measured).
   */
  static final long SIZE_CEILING_BYTES = 30_000_000L;

  @Test
  void theArtifactIsShrunkUnderItsSizeCeiling() throws Exception {
    // The package phase shrinks target/lambda (lambda-shrink.pro); every test of this class runs that artifact.
    assertThat(FunctionArtifact.in(RepositoryRoot.find().resolve("functions/securityhub-playbooks")).zippedBytes())
        .isLessThanOrEqualTo(SIZE_CEILING_BYTES);
  }

  @Test
  void theCustomActionOnAPublicTrailBucketBlocksItThroughTheArtifact(MotoServer moto, WireMockServer peer)
      throws Exception {
    // Through S3's client builder, endpoint resolution, XML marshalling and its ACL and public access block calls,
    // all of which the shrinker must have kept.
    S3Client s3 = AwsClients.build(S3Client.builder());
    String bucket = "trail-logs-123456789012";
    s3.createBucket(r -> r.bucket(bucket));
    s3.putBucketAcl(r -> r.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ));
    AwsClients.build(CloudTrailClient.builder())
        .createTrail(r -> r.name(PlaybooksScenario.SAMPLE_TRAIL).s3BucketName(bucket));
    String event = PlaybooksScenario.customAction("CloudTrail.6", "AwsS3Bucket", "arn:aws:s3:::" + bucket);

    LocalRun run = runCompleted(moto, peer, event);

    PublicAccessBlockConfiguration block = s3.getPublicAccessBlock(r -> r.bucket(bucket))
        .publicAccessBlockConfiguration();
    assertThat(block.blockPublicAcls() && block.ignorePublicAcls() && block.blockPublicPolicy()
        && block.restrictPublicBuckets()).isTrue();
    assertThat(s3.getBucketAcl(r -> r.bucket(bucket)).grants())
        .noneSatisfy(g -> assertThat(g.grantee().uri()).endsWith("/AllUsers"));
    assertResolvedAndNotified(peer);
  }

  @Test
  void theCustomActionOnAKeyWithoutRotationRemediatesItThroughTheArtifact(MotoServer moto, WireMockServer peer)
      throws Exception {
    KmsClient kms = AwsClients.build(KmsClient.builder());
    String key = kms.createKey(r -> r.description("payments data")).keyMetadata().keyId();
    String event = SampleEvents.read("securityhub-playbooks", "match/custom-action-cis-1.2.0.json")
        .replace(PlaybooksScenario.SAMPLE_KEY, key);

    LocalRun run = runCompleted(moto, peer, event);

    assertThat(kms.getKeyRotationStatus(r -> r.keyId(key)).keyRotationEnabled()).isTrue();
    assertResolvedAndNotified(peer);
    assertThat(run.report()).containsKeys("Init Duration", "Duration");
    assertThat(run.metrics()).isEqualTo(Map.of("Completed", 1, "FindingsRemediated", 1));
  }

  /** Runs the artifact on {@code event}, Security Hub answered by the peer, and checks it completed. */
  private LocalRun runCompleted(MotoServer moto, WireMockServer peer, String event) throws Exception {
    peer.stubFor(patch(urlEqualTo("/findings/batchupdate"))
        .willReturn(okJson("{\"ProcessedFindings\":[],\"UnprocessedFindings\":[]}")));
    inbox = NotificationInbox.create(AwsClients.build(SnsClient.builder()), AwsClients.build(SqsClient.builder()),
        "ResponderNotificationsTopic");
    Map<String, String> environment = new HashMap<>(moto.processEnvironment());
    environment.put("AWS_ENDPOINT_URL_SECURITYHUB", "http://127.0.0.1:" + peer.port());

    LocalRun run = LocalRun.of(RepositoryRoot.find(), work, environment, "SecurityHubPlaybooksFunction", event);

    assertThat(run.status()).as(run::log).isZero();
    assertThat(run.result().get("status").asText()).isEqualTo("completed");
    return run;
  }

  private void assertResolvedAndNotified(WireMockServer peer) {
    JsonNode update = Json.read(peer.findAll(patchRequestedFor(urlEqualTo("/findings/batchupdate"))).get(0)
        .getBodyAsString(), JsonNode.class);
    assertThat(update.path("Workflow").path("Status").asText()).isEqualTo("RESOLVED");
    assertThat(inbox.take()).isNotEmpty();
  }
}
