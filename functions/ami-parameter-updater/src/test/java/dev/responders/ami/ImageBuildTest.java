package dev.responders.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responders.shared.error.InvalidEventException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Image Builder's SNS messages, read through the Lambda runtime's SNSEvent, as the function sees them. */
class ImageBuildTest {

  private static SnsImageMessages.Messages read(String snsEvent) {
    return SnsImageMessages.read(snsEvent.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsTheAvailableSampleWithEveryAmi() {
    SnsImageMessages.Messages messages = read(ImageMessages.sample("sns/image-available.json"));

    assertThat(messages.firstMessageId()).isEqualTo("5b1e2a4c-7d33-5f0e-9a1b-2c3d4e5f6a7b");
    ImageBuild image = messages.images().get(0);
    assertThat(image.arn().toString()).isEqualTo("arn:aws:imagebuilder:us-east-1:123456789012:image/web-server/1.2.0/3");
    assertThat(image.arn().name()).isEqualTo("web-server");
    assertThat(image.displayName()).isEqualTo("Web Server");
    assertThat(image.status()).isEqualTo(ImageStatus.AVAILABLE);
    assertThat(image.pipelineName()).hasValue("web-server-pipeline");
    assertThat(image.dateCreated()).as("Image Builder's 'Aug 3, 2026 2:13:45 AM', as ISO-8601")
        .isEqualTo("2026-08-03T02:13:45Z");
    assertThat(image.amis()).extracting(Ami::region, Ami::imageId, Ami::accountId).containsExactly(
        org.assertj.core.groups.Tuple.tuple("us-east-1", "ami-0a1b2c3d4e5f60718", "123456789012"),
        org.assertj.core.groups.Tuple.tuple("us-west-2", "ami-0f9e8d7c6b5a40312", "123456789012"));
  }

  @Test
  void readsTheFailureReasonAndNoAmisOfAFailedImage() {
    ImageBuild image = read(ImageMessages.sample("sns/image-failed.json")).images().get(0);

    assertThat(image.status()).isEqualTo(ImageStatus.FAILED);
    assertThat(image.status().handling()).isEqualTo(ImageStatus.Handling.REPORT);
    assertThat(image.reason()).isEqualTo("Workflow Step 'Build' failed: component update-linux exited with code 1");
    assertThat(image.amis()).isEmpty();
  }

  @Test
  void everyRecordOfAnSnsEventIsRead() {
    String one = ImageMessages.available("1.2.0", 4, ImageMessages.ami("us-east-1", "ami-0123456789abcdef0"));
    ObjectNode event = (ObjectNode) dev.responders.shared.json.Json.read(one, com.fasterxml.jackson.databind.JsonNode.class);
    com.fasterxml.jackson.databind.node.ArrayNode records = (com.fasterxml.jackson.databind.node.ArrayNode) event.get("Records");
    ObjectNode second = records.get(0).deepCopy();
    ObjectNode message = ImageMessages.message(one);
    ImageMessages.version(message, "1.2.1", 1);
    ((ObjectNode) second.get("Sns")).put("Message", message.toString()).put("MessageId", "second");
    records.add(second);

    assertThat(read(event.toString()).images()).extracting(i -> i.arn().versionLabel())
        .containsExactly("1.2.0/4", "1.2.1/1");
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        broken("arn missing", m -> m.remove("arn"), "Records[0].Sns.Message.arn"),
        broken("arn of a recipe", m -> m.put("arn", "arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/web-server/1.2.0"),
            "Records[0].Sns.Message.arn"),
        broken("version disagrees with the arn", m -> m.put("version", "1.3.0"), "Records[0].Sns.Message.version"),
        broken("buildVersion disagrees with the arn", m -> m.put("buildVersion", 9), "Records[0].Sns.Message.buildVersion"),
        broken("buildVersion not a number", m -> m.put("buildVersion", "three"), "Records[0].Sns.Message.buildVersion"),
        broken("state missing", m -> m.remove("state"), "Records[0].Sns.Message.state"),
        broken("unknown status", m -> ((ObjectNode) m.get("state")).put("status", "DONE"),
            "Records[0].Sns.Message.state.status"),
        broken("no outputResources on an AVAILABLE image", m -> m.remove("outputResources"),
            "Records[0].Sns.Message.outputResources"),
        broken("AMI id not ami-", m -> ami(m, 1).put("image", "snap-0a1b2c3d4e5f60718"),
            "Records[0].Sns.Message.outputResources.amis[1].image"),
        broken("AMI id of the wrong length", m -> ami(m, 0).put("image", "ami-12345"),
            "Records[0].Sns.Message.outputResources.amis[0].image"),
        broken("region missing", m -> ami(m, 0).remove("region"), "Records[0].Sns.Message.outputResources.amis[0].region"),
        broken("account not 12 digits", m -> ami(m, 1).put("accountId", "12345"),
            "Records[0].Sns.Message.outputResources.amis[1].accountId"),
        broken("two AMIs for one account and region", m -> ami(m, 1).put("region", "us-east-1"),
            "Records[0].Sns.Message.outputResources.amis[1]"),
        broken("pipeline ARN of something else", m -> m.put("sourcePipelineArn", "arn:aws:sns:us-east-1:123456789012:x"),
            "Records[0].Sns.Message.sourcePipelineArn"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void aMalformedMessageIsATypedErrorNamingTheField(String what, String event, String field) {
    InvalidEventException error = catchThrowableOfType(InvalidEventException.class, () -> read(event));

    assertThat(error).as(what).isNotNull();
    assertThat(error.field()).isEqualTo(field);
  }

  @Test
  void aMessageThatIsNotJsonNamesTheMessageField() {
    InvalidEventException error = catchThrowableOfType(InvalidEventException.class,
        () -> read(ImageMessages.snsWithText("Image web-server 1.2.0/3 is AVAILABLE")));

    assertThat(error.field()).isEqualTo("Records[0].Sns.Message");
    assertThat(error.getMessage()).contains("not valid JSON");
  }

  @Test
  void aRecordFromAnotherServiceIsATypedError() {
    String sqs = ImageMessages.sample("sns/image-available.json").replace("\"aws:sns\"", "\"aws:sqs\"");

    assertThat(catchThrowableOfType(InvalidEventException.class, () -> read(sqs)).field())
        .isEqualTo("Records[0].EventSource");
  }

  private static Arguments broken(String what, Consumer<ObjectNode> change, String field) {
    return Arguments.of(what, ImageMessages.sns(ImageMessages.edit(ImageMessages.availableMessage(), change)), field);
  }

  private static ObjectNode ami(ObjectNode message, int index) {
    return (ObjectNode) message.get("outputResources").get("amis").get(index);
  }
}
