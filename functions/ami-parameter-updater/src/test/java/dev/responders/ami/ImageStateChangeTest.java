package dev.responders.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responders.shared.error.InvalidEventException;
import dev.responders.shared.event.EventBridgeEvent;
import dev.responders.shared.json.Json;
import dev.responders.tools.account.SampleEvents;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The EventBridge "EC2 Image Builder Image State Change" event, as the function reads it. */
class ImageStateChangeTest {

  private static ObjectNode sample(String file) {
    return (ObjectNode) Json.read(SampleEvents.read(ImageMessages.HANDLER, file), JsonNode.class);
  }

  private static ImageStateChange read(ObjectNode event) {
    return ImageStateChange.from(EventBridgeEvent.parse(event));
  }

  @Test
  void readsTheImageAndItsNewState() {
    ImageStateChange change = read(sample("eventbridge/match/image-failed.json"));

    assertThat(change.image().versionLabel()).isEqualTo("1.2.0/4");
    assertThat(change.status()).isEqualTo(ImageStatus.FAILED);
    assertThat(change.reason()).startsWith("Workflow Step 'Build' failed");
    assertThat(change.withoutAmis().amis()).isEmpty();
  }

  @Test
  void anEventOfAnotherKindSaysWhatItIs() {
    EventBridgeEvent cve = EventBridgeEvent.parse(sample("eventbridge/no-match/cve-detected.json"));

    assertThat(ImageStateChange.notAnImageStateChange(cve)).hasValueSatisfying(why ->
        assertThat(why).contains("'EC2 Image Builder CVE Detected' from aws.imagebuilder"));
    assertThat(ImageStateChange.notAnImageStateChange(EventBridgeEvent.parse(
        sample("eventbridge/match/image-available.json")))).isEmpty();
  }

  @Test
  void malformedFieldsAreNamed() {
    assertThat(field(e -> e.putArray("resources"))).isEqualTo("resources");
    assertThat(field(e -> e.putArray("resources").add("arn:aws:ec2:us-east-1::image/ami-0a1b2c3d4e5f60718")))
        .isEqualTo("resources[0]");
    assertThat(field(e -> ((ObjectNode) e.get("detail")).remove("state"))).isEqualTo("detail.state");
    assertThat(field(e -> ((ObjectNode) e.get("detail").get("state")).put("status", "READY")))
        .isEqualTo("detail.state.status");
  }

  private static String field(Consumer<ObjectNode> change) {
    ObjectNode event = sample("eventbridge/match/image-available.json");
    change.accept(event);
    return catchThrowableOfType(InvalidEventException.class, () -> read(event)).field();
  }
}
