package dev.responders.ami;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responders.shared.json.Json;
import dev.responders.tools.account.SampleEvents;
import java.util.function.Consumer;

/**
 * The sample SNS event of {@code events/ami-parameter-updater/sns}, re-versioned and re-distributed for a test:
 * what Image Builder would publish for another build of the same image.
 */
final class ImageMessages {

  static final String HANDLER = "ami-parameter-updater";
  static final String ACCOUNT = "123456789012";
  static final String OTHER_ACCOUNT = "210987654321";

  private ImageMessages() {
  }

  static String sample(String file) {
    return SampleEvents.read(HANDLER, file);
  }

  /** The image message of the available sample. */
  static ObjectNode availableMessage() {
    return message(sample("sns/image-available.json"));
  }

  static ObjectNode message(String snsEvent) {
    JsonNode event = Json.read(snsEvent, JsonNode.class);
    return (ObjectNode) Json.read(event.get("Records").get(0).get("Sns").get("Message").asText(), JsonNode.class);
  }

  /** The available sample as build {@code version}/{@code build}, with its AMIs replaced by {@code amis}. */
  static String available(String version, long build, Ami... amis) {
    return sns(edit(availableMessage(), message -> {
      version(message, version, build);
      ArrayNode list = ((ObjectNode) message.get("outputResources")).putArray("amis");
      for (Ami ami : amis) {
        ObjectNode entry = list.addObject();
        entry.put("region", ami.region()).put("image", ami.imageId()).put("accountId", ami.accountId());
        if (ami.name() != null) {
          entry.put("name", ami.name());
        }
      }
    }));
  }

  static void version(ObjectNode message, String version, long build) {
    String arn = "arn:aws:imagebuilder:us-east-1:" + ACCOUNT + ":image/web-server/" + version + "/" + build;
    message.put("arn", arn).put("version", version).put("buildVersion", build);
  }

  static ObjectNode edit(ObjectNode message, Consumer<ObjectNode> change) {
    ObjectNode copy = message.deepCopy();
    change.accept(copy);
    return copy;
  }

  /** The SNS event carrying {@code message} (as text) in its one record. */
  static String sns(JsonNode message) {
    return snsWithText(message.toString());
  }

  static String snsWithText(String message) {
    ObjectNode event = (ObjectNode) Json.read(sample("sns/image-available.json"), JsonNode.class);
    ((ObjectNode) event.get("Records").get(0).get("Sns")).put("Message", message);
    return event.toString();
  }

  static Ami ami(String region, String imageId) {
    return new Ami(region, imageId, "Web Server " + imageId, ACCOUNT);
  }

  static Ami ami(String region, String imageId, String account) {
    return new Ami(region, imageId, "Web Server " + imageId, account);
  }
}
