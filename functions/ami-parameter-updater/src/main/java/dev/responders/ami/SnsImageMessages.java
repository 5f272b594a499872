package dev.responders.ami;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.shared.error.InvalidEventException;
import dev.responders.shared.event.FieldReader;
import dev.responders.shared.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The SNS event Lambda receives from the Image Builder topic, read into the library's {@link SNSEvent} (the fields
 * SNS writes, under the names Lambda gives them: {@code Records[].EventSource}, {@code Sns.MessageId},
 * {@code Sns.Message}...), every record's {@code Sns.Message} then read as an image. Every record is checked before
 * anything is done, so one bad record changes nothing.
 *
 * <p>Read with the suite's own JSON mapper, not the runtime's serializer (aws-lambda-java-serialization): that
 * library carries a shaded Jackson of its own, 3 MB of the function's 10 MB budget once shrunk, for five fields.
 */
public final class SnsImageMessages {

  /** The images of an SNS event, with the first message's id (the audit's event id). */
  public record Messages(String firstMessageId, List<ImageBuild> images) {
  }

  private SnsImageMessages() {
  }

  /** Whether an event has the shape of one Lambda receives from SNS (or S3, SQS...: a Records array). */
  public static boolean looksLikeRecords(JsonNode event) {
    return event.has("Records");
  }

  public static Messages read(byte[] event) {
    JsonNode tree;
    try {
      tree = Json.MAPPER.readTree(event);
    } catch (IOException e) {
      throw new InvalidEventException("Records", "is not an SNS event: " + e.getMessage());
    }
    List<FieldReader> records = FieldReader.root(tree).objects("Records");
    if (records.isEmpty()) {
      throw new InvalidEventException("Records", "must hold at least one SNS record");
    }
    SNSEvent sns = new SNSEvent().withRecords(records.stream().map(SnsImageMessages::record).toList());
    List<ImageBuild> images = new ArrayList<>();
    for (int i = 0; i < sns.getRecords().size(); i++) {
      images.add(image(sns.getRecords().get(i), "Records[" + i + "]"));
    }
    return new Messages(sns.getRecords().get(0).getSNS().getMessageId(), List.copyOf(images));
  }

  private static SNSEvent.SNSRecord record(FieldReader record) {
    String source = record.has("EventSource") ? record.text("EventSource") : null;
    if (!"aws:sns".equals(source)) {
      throw new InvalidEventException(record.pathOf("EventSource"), "must be aws:sns, got '" + source + "'");
    }
    if (!record.has("Sns")) {
      throw new InvalidEventException(record.pathOf("Sns"), "is missing");
    }
    FieldReader sns = record.object("Sns");
    return new SNSEvent.SNSRecord().withEventSource(source)
        .withEventSubscriptionArn(record.optionalText("EventSubscriptionArn").orElse(null))
        .withSns(new SNSEvent.SNS().withMessageId(sns.text("MessageId")).withMessage(sns.text("Message"))
            .withTopicArn(sns.optionalText("TopicArn").orElse(null)).withType(sns.optionalText("Type").orElse(null))
            .withSubject(sns.optionalText("Subject").orElse(null)));
  }

  private static ImageBuild image(SNSEvent.SNSRecord record, String path) {
    String messageField = path + ".Sns.Message";
    JsonNode message;
    try {
      message = Json.MAPPER.readTree(record.getSNS().getMessage());
    } catch (JsonProcessingException e) {
      throw new InvalidEventException(messageField, "is not valid JSON: " + e.getOriginalMessage());
    }
    return ImageBuild.fromMessage(FieldReader.at(message, messageField));
  }
}
