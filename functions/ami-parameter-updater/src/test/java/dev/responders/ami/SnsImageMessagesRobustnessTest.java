package dev.responders.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responders.shared.error.InvalidEventException;
import dev.responders.shared.json.Json;
import dev.responders.tools.account.DamagedEvents;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every damaged form of the sample SNS event and of the image message inside it either reads, or fails with an
 * {@link InvalidEventException} naming a field: never a NullPointerException, ClassCastException or anything else
 * that would read as a bug. Reading is what the handler does before any AWS call.
 */
class SnsImageMessagesRobustnessTest {

  private final String sample = ImageMessages.sample("sns/image-available.json");

  @Test
  void everyTruncationOfTheImageMessageIsATypedError() {
    String message = ImageMessages.availableMessage().toString();
    int checked = 0;
    for (int length = 0; length < message.length() - 1; length += 3) {
      assertThat(outcome(ImageMessages.snsWithText(message.substring(0, length)))).isFalse();
      checked++;
    }
    assertThat(checked).isGreaterThan(300);
  }

  @Test
  void everyTruncationOfTheSnsEventIsATypedError() {
    byte[] bytes = sample.getBytes(StandardCharsets.UTF_8);
    for (int length = 0; length < bytes.length - 1; length += 11) {
      assertThat(outcome(new String(bytes, 0, length, StandardCharsets.UTF_8))).isFalse();
    }
  }

  @Test
  void everyFieldOfTheImageMessageReplacedOrRemovedReadsOrIsATypedError() {
    ObjectNode original = ImageMessages.availableMessage();
    List<String> paths = DamagedEvents.paths(original);
    int typedErrors = 0;
    for (DamagedEvents.Damaged damaged : DamagedEvents.wrongTypes(original, true)) {
      typedErrors += outcome(ImageMessages.sns(damaged.document())) ? 0 : 1;
    }
    assertThat(paths).contains("arn", "state.status", "outputResources.amis.1.image", "outputResources.amis.0.accountId");
    assertThat(typedErrors).as("mutations rejected with a typed error").isGreaterThan(paths.size());
  }

  @Test
  void everyFieldOfTheSnsEnvelopeReplacedOrRemovedReadsOrIsATypedError() {
    ObjectNode original = (ObjectNode) Json.read(sample, JsonNode.class);
    List<String> paths = DamagedEvents.paths(original);
    int typedErrors = 0;
    for (DamagedEvents.Damaged damaged : DamagedEvents.wrongTypes(original, false)) {
      typedErrors += outcome(damaged.document().toString()) ? 0 : 1;
    }
    assertThat(paths).contains("Records.0.Sns.Message", "Records.0.EventSource");
    assertThat(typedErrors).isGreaterThan(10);
  }

  /** True when the event was read; false when it was rejected with a typed error; fails the test otherwise. */
  private static boolean outcome(String event) {
    Throwable thrown = catchThrowable(() -> read(event));
    if (thrown == null) {
      return true;
    }
    assertThat(thrown).as("reading %s", event).isInstanceOf(InvalidEventException.class);
    assertThat(((InvalidEventException) thrown).field()).isNotBlank();
    return false;
  }

  /** What the handler does with an event before any AWS call. */
  private static void read(String event) {
    byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
    JsonNode json = Json.readEvent(new ByteArrayInputStream(bytes));
    if (!SnsImageMessages.looksLikeRecords(json)) {
      throw new InvalidEventException("Records", "is missing (the test only sends SNS events)");
    }
    AmiParameterConfig config = new AmiParameterConfig(ParameterNameTemplate.of("/ec2-imagebuilder/{imageName}/latest"),
        null, ImageMessages.ACCOUNT);
    AmiParameterUpdater updater = new AmiParameterUpdater(config, null, null, null);
    SnsImageMessages.read(bytes).images().forEach(updater::plan);
  }
}
