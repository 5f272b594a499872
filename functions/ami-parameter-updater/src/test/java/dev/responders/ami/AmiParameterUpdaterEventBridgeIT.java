package dev.responders.ami;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.responders.ami.AmiParameterUpdaterIT.EAST_AMI;
import static dev.responders.ami.AmiParameterUpdaterIT.PARAMETER;
import static dev.responders.ami.AmiParameterUpdaterIT.WEST_AMI;
import static dev.responders.ami.ImageMessages.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.responders.shared.aws.AwsClients;
import dev.responders.shared.json.Json;
import dev.responders.tools.account.NotificationInbox;
import dev.responders.tools.account.SampleEvents;
import dev.responders.tools.emulator.MotoExtension;
import dev.responders.tools.emulator.WireMockPeer;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.imagebuilder.ImagebuilderClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The EventBridge path: the event names the image, and the AMIs come from {@code imagebuilder:GetImage}. moto 5.2
 * has no Image Builder at all (no {@code imagebuilder} backend), so WireMock answers as Image Builder, over its
 * REST-JSON protocol, and each test checks the exact request; SSM and SNS stay on moto.
 */
@ExtendWith({MotoExtension.class, WireMockPeer.class})
@WireMockPeer.ForService(ImagebuilderClient.class)
class AmiParameterUpdaterEventBridgeIT {

  private static final String IMAGE_ARN = "arn:aws:imagebuilder:us-east-1:123456789012:image/web-server/1.2.0/3";

  private NotificationInbox inbox;
  private AmiParameterUpdaterHandler handler;

  @BeforeEach
  void buildTheHandler() {
    inbox = NotificationInbox.create(AwsClients.build(SnsClient.builder()), AwsClients.build(SqsClient.builder()),
        "responder-notifications");
    handler = AmiParameterUpdaterIT.handler(AmiParameterUpdaterIT.DEFAULT_NAME, null, inbox);
  }

  private static String event(String file) {
    return SampleEvents.read(ImageMessages.HANDLER, file);
  }

  private static void imageBuilderAnswers(WireMockServer imageBuilder, String status, List<String[]> amis) {
    StringBuilder list = new StringBuilder();
    for (String[] ami : amis) {
      list.append(list.isEmpty() ? "" : ",").append("{\"region\":\"").append(ami[0]).append("\",\"image\":\"")
          .append(ami[1]).append("\",\"name\":\"Web Server 2026-08-03T02-14-17.416Z\",\"accountId\":\"")
          .append(ACCOUNT).append("\"}");
    }
    imageBuilder.stubFor(get(urlPathEqualTo("/GetImage")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"requestId\":\"wiremock-1\",\"image\":{\"arn\":\"" + IMAGE_ARN + "\",\"name\":\"Web Server\","
            + "\"type\":\"AMI\",\"version\":\"1.2.0\",\"platform\":\"Linux\",\"state\":{\"status\":\"" + status + "\"},"
            + "\"sourcePipelineArn\":\"arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/web-server-pipeline\","
            + "\"dateCreated\":\"2026-08-03T02:13:45.000Z\",\"outputResources\":{\"amis\":[" + list + "]}}}")));
  }

  @Test
  void anAvailableImageIsReadWithGetImageAndEachRegionGetsItsAmi(WireMockServer imageBuilder) {
    imageBuilderAnswers(imageBuilder, "AVAILABLE", List.of(new String[] {"us-east-1", EAST_AMI},
        new String[] {"us-west-2", WEST_AMI}));

    JsonNode result = AmiParameterUpdaterIT.invoke(handler, event("eventbridge/match/image-available.json"));

    imageBuilder.verify(1, getRequestedFor(urlPathEqualTo("/GetImage"))
        .withQueryParam("imageBuildVersionArn", equalTo(IMAGE_ARN)));
    assertThat(imageBuilder.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
    try (ParameterStoreReader east = ParameterStoreReader.in("us-east-1");
        ParameterStoreReader west = ParameterStoreReader.in("us-west-2")) {
      assertThat(east.value(PARAMETER)).isEqualTo(EAST_AMI);
      assertThat(west.value(PARAMETER)).isEqualTo(WEST_AMI);
      assertThat(east.tags(PARAMETER)).containsEntry("imagebuilder-ami:date-created", "2026-08-03T02:13:45Z")
          .containsEntry("imagebuilder-ami:build-version", "3");
    }
    assertThat(result.get("status").asText()).isEqualTo("updated");
  }

  @Test
  void theSameEventTwiceReadsTheImageAgainAndWritesNothingNew(WireMockServer imageBuilder) {
    imageBuilderAnswers(imageBuilder, "AVAILABLE", List.<String[]>of(new String[] {"us-east-1", EAST_AMI}));
    AmiParameterUpdaterIT.invoke(handler, event("eventbridge/match/image-available.json"));

    JsonNode second = AmiParameterUpdaterIT.invoke(handler, event("eventbridge/match/image-available.json"));

    assertThat(second.get("status").asText()).isEqualTo("unchanged");
    try (ParameterStoreReader east = ParameterStoreReader.in("us-east-1")) {
      assertThat(east.version(PARAMETER)).isEqualTo(1);
    }
  }

  @Test
  void aFailedImageIsReportedFromTheEventWithoutAskingImageBuilder(WireMockServer imageBuilder) {
    JsonNode result = AmiParameterUpdaterIT.invoke(handler, event("eventbridge/match/image-failed.json"));

    assertThat(imageBuilder.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    assertThat(result.get("status").asText()).isEqualTo("reported");
    List<JsonNode> notifications = inbox.take();
    assertThat(notifications).hasSize(1);
    assertThat(notifications.get(0).get("Subject").asText()).isEqualTo("Image Builder image FAILED: web-server 1.2.0/4");
    assertThat(Json.read(notifications.get(0).get("Message").asText(), JsonNode.class).get("reason").asText())
        .isEqualTo("Workflow Step 'Build' failed: component update-linux exited with code 1");
    try (ParameterStoreReader east = ParameterStoreReader.in("us-east-1")) {
      assertThat(east.get(PARAMETER)).isEmpty();
    }
  }

  @Test
  void anImageImageBuilderNoLongerHasIsSkipped(WireMockServer imageBuilder) {
    imageBuilder.stubFor(get(urlPathEqualTo("/GetImage")).willReturn(aResponse().withStatus(404)
        .withHeader("Content-Type", "application/json").withHeader("x-amzn-ErrorType", "ResourceNotFoundException")
        .withBody("{\"message\":\"The resource does not exist\"}")));

    JsonNode result = AmiParameterUpdaterIT.invoke(handler, event("eventbridge/match/image-available.json"));

    assertThat(result.get("status").asText()).isEqualTo("skipped");
    assertThat(result.get("reason").asText()).contains("no longer has image " + IMAGE_ARN);
  }

  @Test
  void anImageDeprecatedSinceTheEventIsReportedNotPublished(WireMockServer imageBuilder) {
    imageBuilderAnswers(imageBuilder, "DEPRECATED", List.<String[]>of(new String[] {"us-east-1", EAST_AMI}));

    JsonNode result = AmiParameterUpdaterIT.invoke(handler, event("eventbridge/match/image-available.json"));

    assertThat(result.get("status").asText()).isEqualTo("reported");
    try (ParameterStoreReader east = ParameterStoreReader.in("us-east-1")) {
      assertThat(east.get(PARAMETER)).isEmpty();
    }
  }

  @Test
  void anEventOfAnotherKindRoutedHereIsANoOpThatSaysSo(WireMockServer imageBuilder) {
    JsonNode result = AmiParameterUpdaterIT.invoke(handler, event("eventbridge/no-match/cve-detected.json"));

    assertThat(result.get("status").asText()).isEqualTo("skipped");
    assertThat(result.get("reason").asText()).contains("EC2 Image Builder CVE Detected");
    assertThat(imageBuilder.findAll(anyRequestedFor(anyUrl()))).isEmpty();
  }
}
