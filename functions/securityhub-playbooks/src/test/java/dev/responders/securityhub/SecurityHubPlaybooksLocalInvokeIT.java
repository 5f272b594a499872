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
import dev.responders.tools.invoke.LocalRun;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The deployed artifact of SecurityHubPlaybooksFunction, run by Lambda's runtime interface client under the
 * emulator, with the environment template.yaml gives it: moto for KMS and SNS, the WireMock peer for Security Hub.
 */
@ExtendWith({MotoExtension.class, WireMockPeer.class})
class SecurityHubPlaybooksLocalInvokeIT {

  @TempDir
  Path work;

  @Test
  void theCustomActionOnAKeyWithoutRotationRemediatesItThroughTheArtifact(MotoServer moto, WireMockServer peer)
      throws Exception {
    peer.stubFor(patch(urlEqualTo("/findings/batchupdate"))
        .willReturn(okJson("{\"ProcessedFindings\":[],\"UnprocessedFindings\":[]}")));
    KmsClient kms = AwsClients.build(KmsClient.builder());
    String key = kms.createKey(r -> r.description("payments data")).keyMetadata().keyId();
    NotificationInbox inbox = NotificationInbox.create(AwsClients.build(SnsClient.builder()),
        AwsClients.build(SqsClient.builder()), "ResponderNotificationsTopic");
    String event = SampleEvents.read("securityhub-playbooks", "match/custom-action-cis-1.2.0.json")
        .replace(PlaybooksScenario.SAMPLE_KEY, key);
    Map<String, String> environment = new HashMap<>(moto.processEnvironment());
    environment.put("AWS_ENDPOINT_URL_SECURITYHUB", "http://127.0.0.1:" + peer.port());

    LocalRun run = LocalRun.of(RepositoryRoot.find(), work, environment, "SecurityHubPlaybooksFunction", event);

    assertThat(run.status()).as(run::log).isZero();
    assertThat(run.result().get("status").asText()).isEqualTo("completed");
    assertThat(kms.getKeyRotationStatus(r -> r.keyId(key)).keyRotationEnabled()).isTrue();
    JsonNode update = Json.read(peer.findAll(patchRequestedFor(urlEqualTo("/findings/batchupdate"))).get(0)
        .getBodyAsString(), JsonNode.class);
    assertThat(update.path("Workflow").path("Status").asText()).isEqualTo("RESOLVED");
    assertThat(run.report()).containsKeys("Init Duration", "Duration");
    assertThat(run.metrics()).isEqualTo(Map.of("Completed", 1, "FindingsRemediated", 1));
    assertThat(inbox.take()).isNotEmpty();
  }
}
