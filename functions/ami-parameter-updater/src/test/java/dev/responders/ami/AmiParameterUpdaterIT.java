package dev.responders.ami;

import static dev.responders.ami.ImageMessages.ACCOUNT;
import static dev.responders.ami.ImageMessages.OTHER_ACCOUNT;
import static dev.responders.ami.ImageMessages.ami;
import static dev.responders.ami.ImageMessages.available;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.aws.AwsClients;
import dev.responders.shared.error.InvalidEventException;
import dev.responders.shared.json.Json;
import dev.responders.shared.lambda.TimeBudget;
import dev.responders.shared.notify.Notifier;
import dev.responders.tools.account.NotificationInbox;
import dev.responders.tools.emulator.MotoExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterHistory;

/** The handler against SSM, STS and SNS wire protocols (moto server): parameters before, image event, after. */
@ExtendWith(MotoExtension.class)
class AmiParameterUpdaterIT {

  static final String DEFAULT_NAME = "/ec2-imagebuilder/{imageName}/latest";
  static final String PARAMETER = "/ec2-imagebuilder/web-server/latest";
  static final String EAST_AMI = "ami-0a1b2c3d4e5f60718";
  static final String WEST_AMI = "ami-0f9e8d7c6b5a40312";

  private NotificationInbox inbox;

  @BeforeEach
  void createTheNotificationTopic() {
    inbox = NotificationInbox.create(AwsClients.build(SnsClient.builder()), AwsClients.build(SqsClient.builder()),
        "responder-notifications");
  }

  private AmiParameterUpdaterHandler handler(String nameTemplate, String role) {
    return handler(nameTemplate, role, inbox);
  }

  /** The handler as Lambda builds it, telling {@code inbox}'s topic; read-back confirmed twice, without waiting. */
  static AmiParameterUpdaterHandler handler(String nameTemplate, String role, NotificationInbox inbox) {
    AmiParameterConfig config = new AmiParameterConfig(ParameterNameTemplate.of(nameTemplate), role, ACCOUNT);
    return new AmiParameterUpdaterHandler(config, new AmiParameterUpdaterHandler.Clients(
        ParameterStores.create(config),
        new Notifier(AwsClients.build(SnsClient.builder()), inbox.topicArn()),
        new AmiParameterWriter.Confirmation(2, Duration.ZERO)));
  }

  static JsonNode invoke(AmiParameterUpdaterHandler handler, String event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
    return Json.read(out.toString(StandardCharsets.UTF_8), JsonNode.class);
  }

  private JsonNode invoke(String event) {
    return invoke(handler(DEFAULT_NAME, null), event);
  }

  @Test
  void anAvailableImagePointsItsParameterAtTheAmiWithItsTags() {
    JsonNode result = invoke(available("1.2.0", 3, ami("us-east-1", EAST_AMI)));

    try (ParameterStoreReader east = ParameterStoreReader.in("us-east-1")) {
      var parameter = east.get(PARAMETER).orElseThrow();
      assertThat(parameter.value()).isEqualTo(EAST_AMI);
      assertThat(parameter.dataType()).isEqualTo("aws:ec2:image");
      assertThat(parameter.version()).isEqualTo(1);
      assertThat(east.tags(PARAMETER))
          .containsEntry("imagebuilder-ami:image-arn", "arn:aws:imagebuilder:us-east-1:123456789012:image/web-server/1.2.0/3")
          .containsEntry("imagebuilder-ami:version", "1.2.0")
          .containsEntry("imagebuilder-ami:build-version", "3")
          .containsEntry("imagebuilder-ami:pipeline-arn",
              "arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/web-server-pipeline")
          .containsEntry("imagebuilder-ami:ami-name", "Web Server " + EAST_AMI)
          .containsEntry("imagebuilder-ami:date-created", "2026-08-03T02:13:45Z");
      assertThat(east.history(PARAMETER).get(0).description()).contains("image/web-server/1.2.0/3");
    }
    assertThat(result.get("status").asText()).isEqualTo("updated");
    JsonNode written = result.get("images").get(0).get("parameters").get(0);
    assertThat(written.get("outcome").asText()).isEqualTo("created");
    assertThat(written.get("region").asText()).isEqualTo("us-east-1");
    assertThat(result.get("changes")).extracting(c -> c.get("action").asText()).containsExactly("ssm:PutParameter");
    assertThat(inbox.take()).as("a successful update is not announced").isEmpty();
  }

  @Test
  void eachRegionsParameterHoldsTheAmiOfThatRegion() {
    JsonNode result = invoke(ImageMessages.sample("sns/image-available.json"));

    try (ParameterStoreReader east = ParameterStoreReader.in("us-east-1");
        ParameterStoreReader west = ParameterStoreReader.in("us-west-2")) {
      assertThat(east.value(PARAMETER)).isEqualTo(EAST_AMI);
      assertThat(west.value(PARAMETER)).isEqualTo(WEST_AMI);
      assertThat(west.tags(PARAMETER)).containsEntry("imagebuilder-ami:build-version", "3");
    }
    assertThat(result.get("images").get(0).get("parameters")).extracting(p -> p.get("region").asText() + "="
        + p.get("outcome").asText()).containsExactly("us-east-1=created", "us-west-2=created");
  }

  @Test
  void theSameMessageTwiceChangesNothingTheSecondTime() {
    String event = ImageMessages.sample("sns/image-available.json");
    invoke(event);

    JsonNode second = invoke(event);

    assertThat(second.get("status").asText()).isEqualTo("unchanged");
    assertThat(second.get("changes")).isEmpty();
    try (ParameterStoreReader east = ParameterStoreReader.in("us-east-1");
        ParameterStoreReader west = ParameterStoreReader.in("us-west-2")) {
      assertThat(east.version(PARAMETER)).as("no new parameter version").isEqualTo(1);
      assertThat(west.version(PARAMETER)).isEqualTo(1);
    }
  }

  @Test
  void aNewerBuildReplacesTheValueAndTheHistoryKeepsTheOlderOne() {
    invoke(available("1.2.0", 3, ami("us-east-1", EAST_AMI)));

    JsonNode result = invoke(available("1.2.0", 4, ami("us-east-1", "ami-0123456789abcdef0")));

    try (ParameterStoreReader east = ParameterStoreReader.in("us-east-1")) {
      assertThat(east.value(PARAMETER)).isEqualTo("ami-0123456789abcdef0");
      assertThat(east.version(PARAMETER)).isEqualTo(2);
      List<ParameterHistory> history = east.history(PARAMETER);
      assertThat(history).extracting(ParameterHistory::value).containsExactly(EAST_AMI, "ami-0123456789abcdef0");
      assertThat(history.get(0).description()).contains("/1.2.0/3");
      assertThat(history.get(1).description()).contains("/1.2.0/4");
      assertThat(east.tags(PARAMETER)).containsEntry("imagebuilder-ami:build-version", "4")
          .containsEntry("imagebuilder-ami:image-arn", "arn:aws:imagebuilder:us-east-1:123456789012:image/web-server/1.2.0/4");
    }
    assertThat(result.get("images").get(0).get("parameters").get(0).get("outcome").asText()).isEqualTo("updated");
    assertThat(result.get("changes")).extracting(c -> c.get("action").asText())
        .containsExactly("ssm:PutParameter", "ssm:AddTagsToResource");
  }

  @Test
  void anOlderBuildArrivingAfterANewerOneLeavesTheNewerValue() {
    invoke(available("1.2.0", 4, ami("us-east-1", "ami-0123456789abcdef0")));

    JsonNode late = invoke(available("1.2.0", 3, ami("us-east-1", EAST_AMI)));

    try (ParameterStoreReader east = ParameterStoreReader.in("us-east-1")) {
      assertThat(east.value(PARAMETER)).isEqualTo("ami-0123456789abcdef0");
      assertThat(east.version(PARAMETER)).isEqualTo(1);
      assertThat(east.tags(PARAMETER)).containsEntry("imagebuilder-ami:build-version", "4");
    }
    JsonNode kept = late.get("images").get(0).get("parameters").get(0);
    assertThat(kept.get("outcome").asText()).isEqualTo("kept-newer");
    assertThat(kept.get("detail").asText()).contains("holds 1.2.0/4").contains("newer than 1.2.0/3");
    assertThat(late.get("status").asText()).isEqualTo("unchanged");
  }

  @Test
  void anOlderSemanticVersionWithAHigherBuildNumberLeavesTheNewerVersion() {
    invoke(available("1.3.0", 1, ami("us-east-1", "ami-0123456789abcdef0")));

    JsonNode late = invoke(available("1.2.9", 40, ami("us-east-1", EAST_AMI)));

    try (ParameterStoreReader east = ParameterStoreReader.in("us-east-1")) {
      assertThat(east.value(PARAMETER)).isEqualTo("ami-0123456789abcdef0");
      assertThat(east.version(PARAMETER)).isEqualTo(1);
    }
    assertThat(late.get("images").get(0).get("parameters").get(0).get("outcome").asText()).isEqualTo("kept-newer");
  }

  @Test
  void aFailedImageWritesNothingAndTellsTheResponderswhy() {
    JsonNode result = invoke(ImageMessages.sample("sns/image-failed.json"));

    try (ParameterStoreReader east = ParameterStoreReader.in("us-east-1");
        ParameterStoreReader west = ParameterStoreReader.in("us-west-2")) {
      assertThat(east.get(PARAMETER)).isEmpty();
      assertThat(west.get(PARAMETER)).isEmpty();
    }
    assertThat(result.get("status").asText()).isEqualTo("reported");
    assertThat(result.get("images").get(0).get("notification").asText()).isEqualTo("sent");
    List<JsonNode> notifications = inbox.take();
    assertThat(notifications).hasSize(1);
    assertThat(notifications.get(0).get("Subject").asText()).isEqualTo("Image Builder image FAILED: web-server 1.2.0/4");
    assertThat(notifications.get(0).get("MessageAttributes").get("outcome").get("Value").asText()).isEqualTo("failed");
    JsonNode message = Json.read(notifications.get(0).get("Message").asText(), JsonNode.class);
    assertThat(message.get("reason").asText())
        .isEqualTo("Workflow Step 'Build' failed: component update-linux exited with code 1");
    assertThat(message.get("pipeline_arn").asText()).endsWith(":image-pipeline/web-server-pipeline");
  }

  @Test
  void aMalformedSecondAmiWritesNothingAtAll() {
    ObjectNode message = ImageMessages.availableMessage();
    ((ObjectNode) message.get("outputResources").get("amis").get(1)).put("image", "ami-XYZ");

    InvalidEventException error = catchThrowableOfType(InvalidEventException.class,
        () -> invoke(ImageMessages.sns(message)));

    assertThat(error.field()).isEqualTo("Records[0].Sns.Message.outputResources.amis[1].image");
    try (ParameterStoreReader east = ParameterStoreReader.in("us-east-1")) {
      assertThat(east.get(PARAMETER)).as("the valid first AMI is not written either").isEmpty();
    }
  }

  @Test
  void aMessageThatIsNotJsonIsATypedErrorAndWritesNothing() {
    InvalidEventException error = catchThrowableOfType(InvalidEventException.class,
        () -> invoke(ImageMessages.snsWithText("{\"arn\": ")));

    assertThat(error.field()).isEqualTo("Records[0].Sns.Message");
    try (ParameterStoreReader east = ParameterStoreReader.in("us-east-1")) {
      assertThat(east.get(PARAMETER)).isEmpty();
    }
  }

  @Test
  void theNameTemplateNamesTheParameterByPipelineAccountAndRegion() {
    invoke(handler("/amis/{pipelineName}/{accountId}/{region}/{imageName}", null),
        ImageMessages.sample("sns/image-available.json"));

    try (ParameterStoreReader east = ParameterStoreReader.in("us-east-1");
        ParameterStoreReader west = ParameterStoreReader.in("us-west-2")) {
      assertThat(east.value("/amis/web-server-pipeline/123456789012/us-east-1/web-server")).isEqualTo(EAST_AMI);
      assertThat(west.value("/amis/web-server-pipeline/123456789012/us-west-2/web-server")).isEqualTo(WEST_AMI);
      assertThat(east.get(PARAMETER)).isEmpty();
    }
  }

  @Test
  void aParameterThisFunctionDidNotWriteIsLeftAsItIsAndReported() {
    try (ParameterStoreReader east = ParameterStoreReader.in("us-east-1")) {
      east.put(PARAMETER, "hand-written");

      ParametersIncompleteException error = catchThrowableOfType(ParametersIncompleteException.class,
          () -> invoke(available("1.2.0", 3, ami("us-east-1", EAST_AMI))));

      assertThat(east.value(PARAMETER)).isEqualTo("hand-written");
      assertThat(error.getMessage()).contains("conflict").contains("not written by this function");
    }
  }

  @Test
  void anotherAccountsAmiIsSkippedWithAReasonWhenNoRoleIsSet() {
    JsonNode result = invoke(available("1.2.0", 3, ami("us-east-1", EAST_AMI),
        ami("us-east-1", "ami-0fedcba9876543210", OTHER_ACCOUNT)));

    JsonNode skipped = result.get("images").get(0).get("parameters").get(1);
    assertThat(skipped.get("outcome").asText()).isEqualTo("skipped");
    assertThat(skipped.get("detail").asText()).contains("account " + OTHER_ACCOUNT)
        .contains("TargetAccountRoleName is not set");
    try (ParameterStoreReader east = ParameterStoreReader.in("us-east-1")) {
      assertThat(east.value(PARAMETER)).as("the other account's AMI never lands in this account")
          .isEqualTo(EAST_AMI);
    }
    assertThat(result.get("status").asText()).isEqualTo("updated");
  }

  @Test
  void anotherAccountsAmiIsWrittenThereThroughTheRoleAndNeitherOverwritesTheOther() {
    invoke(handler(DEFAULT_NAME, "ami-parameter-writer"), available("1.2.0", 3, ami("us-east-1", EAST_AMI),
        ami("us-east-1", "ami-0fedcba9876543210", OTHER_ACCOUNT)));

    try (ParameterStoreReader own = ParameterStoreReader.in("us-east-1");
        ParameterStoreReader other = ParameterStoreReader.in("us-east-1", OTHER_ACCOUNT, "test-reader")) {
      assertThat(own.value(PARAMETER)).isEqualTo(EAST_AMI);
      assertThat(other.value(PARAMETER)).isEqualTo("ami-0fedcba9876543210");
      assertThat(other.tags(PARAMETER)).containsEntry("imagebuilder-ami:build-version", "3");
    }
  }

  @Test
  void theSnapStartWarmUpWritesNothingAndTellsNoOne() {
    AmiParameterUpdaterHandler handler = handler(DEFAULT_NAME, null);

    handler.warmUp();

    try (SsmClient ssm = AwsClients.build(SsmClient.builder())) {
      assertThat(ssm.describeParameters(r -> r.maxResults(50)).parameters()).isEmpty();
    }
    assertThat(inbox.take()).isEmpty();
  }

  @Test
  void anImageOfAnotherAccountIsNotPublishedHere() {
    ObjectNode message = ImageMessages.availableMessage();
    message.put("arn", "arn:aws:imagebuilder:us-east-1:" + OTHER_ACCOUNT + ":image/web-server/1.2.0/3");

    JsonNode result = invoke(ImageMessages.sns(message));

    assertThat(result.get("status").asText()).isEqualTo("skipped");
    assertThat(result.get("reason").asText()).contains("image belongs to account " + OTHER_ACCOUNT);
    try (ParameterStoreReader east = ParameterStoreReader.in("us-east-1")) {
      assertThat(east.get(PARAMETER)).isEmpty();
    }
  }

  @Test
  void parametersPastTheTimeBudgetAreReportedAsNotTriedAndTheRetryWritesThem() {
    AmiParameterUpdaterHandler handler = handler(DEFAULT_NAME, null);
    List<ImageBuild> images = SnsImageMessages.read(ImageMessages.sample("sns/image-available.json")
        .getBytes(StandardCharsets.UTF_8)).images();
    AtomicInteger asked = new AtomicInteger();
    TimeBudget runningOut = TimeBudget.remaining(() -> asked.getAndIncrement() == 0 ? 250_000 : 12_000);
    AuditLog audit = new AuditLog(AmiParameterUpdaterHandler.NAME, "budget", line -> { }, Clock.systemUTC());

    ParametersIncompleteException incomplete = catchThrowableOfType(ParametersIncompleteException.class,
        () -> handler.run(images, audit, runningOut));

    assertThat(incomplete.result().images().get(0).parameters()).extracting(p -> p.region() + "=" + p.outcome().label())
        .containsExactly("us-east-1=created", "us-west-2=not-tried");
    assertThat(audit.records()).anySatisfy(r -> assertThat(r.action()).isEqualTo("stop"));
    try (ParameterStoreReader west = ParameterStoreReader.in("us-west-2")) {
      assertThat(west.get(PARAMETER)).isEmpty();

      JsonNode retry = invoke(handler, ImageMessages.sample("sns/image-available.json"));

      assertThat(retry.get("images").get(0).get("parameters")).extracting(p -> p.get("outcome").asText())
          .containsExactly("unchanged", "created");
      assertThat(west.value(PARAMETER)).isEqualTo(WEST_AMI);
    }
  }

  @Test
  void anotherImageOfTheSamePipelineTakesOverAPipelineNamedParameter() {
    AmiParameterUpdaterHandler byPipeline = handler("/amis/{pipelineName}/latest", null);
    invoke(byPipeline, available("3.2.0", 7, ami("us-east-1", EAST_AMI)));
    ObjectNode otherRecipe = ImageMessages.message(available("0.1.0", 1, ami("us-east-1", "ami-0123456789abcdef0")));
    otherRecipe.put("arn", "arn:aws:imagebuilder:us-east-1:123456789012:image/web-server-al2023/0.1.0/1");

    JsonNode result = invoke(byPipeline, ImageMessages.sns(otherRecipe));

    JsonNode replaced = result.get("images").get(0).get("parameters").get(0);
    assertThat(replaced.get("outcome").asText()).as("versions of different recipes are not compared").isEqualTo("updated");
    assertThat(replaced.get("detail").asText()).contains("replaced image").contains("now serves web-server-al2023");
    try (ParameterStoreReader east = ParameterStoreReader.in("us-east-1")) {
      assertThat(east.value("/amis/web-server-pipeline/latest")).isEqualTo("ami-0123456789abcdef0");
    }
  }

  @Test
  void aValueChangedByHandIsRestoredByTheNextDeliveryOfItsImage() {
    String event = available("1.2.0", 3, ami("us-east-1", EAST_AMI));
    invoke(event);
    try (SsmClient ssm = AwsClients.build(SsmClient.builder());
        ParameterStoreReader east = ParameterStoreReader.in("us-east-1")) {
      ssm.putParameter(r -> r.name(PARAMETER).value("ami-0badbadbadbadbad0").type("String").overwrite(true));

      JsonNode result = invoke(event);

      assertThat(result.get("images").get(0).get("parameters").get(0).get("outcome").asText()).isEqualTo("updated");
      assertThat(east.value(PARAMETER)).isEqualTo(EAST_AMI);
      assertThat(east.version(PARAMETER)).isEqualTo(3);
    }
  }
}
