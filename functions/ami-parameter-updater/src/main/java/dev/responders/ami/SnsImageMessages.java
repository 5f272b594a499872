package dev.responders.ami;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.shared.error.InvalidEventException;
import dev.responders.shared.event.FieldReader;
import dev.responders.shared.json.Json;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The SNS event Lambda receives from the Image Builder topic, read as the Lambda Java runtime reads an
 * {@link SNSEvent} (its own serializer), every record's {@code Sns.Message} then read as an image. Every record
 * is checked before anything is done, so one bad record changes nothing.
 */
public final class SnsImageMessages {

  private static final PojoSerializer<SNSEvent> SERIALIZER =
      LambdaEventSerializers.serializerFor(SNSEvent.class, SnsImageMessages.class.getClassLoader());

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
    SNSEvent sns;
    try {
      sns = SERIALIZER.fromJson(new ByteArrayInputStream(event));
    } catch (RuntimeException e) {
      throw new InvalidEventException("Records", "is not an SNS event: " + e.getMessage());
    }
    if (sns == null || sns.getRecords() == null || sns.getRecords().isEmpty()) {
      throw new InvalidEventException("Records", "must hold at least one SNS record");
    }
    List<ImageBuild> images = new ArrayList<>();
    for (int i = 0; i < sns.getRecords().size(); i++) {
      images.add(image(sns.getRecords().get(i), "Records[" + i + "]"));
    }
    return new Messages(sns.getRecords().get(0).getSNS().getMessageId(), List.copyOf(images));
  }

  private static ImageBuild image(SNSEvent.SNSRecord record, String path) {
    if (record == null) {
      throw new InvalidEventException(path, "is missing");
    }
    if (!"aws:sns".equals(record.getEventSource())) {
      throw new InvalidEventException(path + ".EventSource", "must be aws:sns, got '" + record.getEventSource() + "'");
    }
    SNSEvent.SNS sns = record.getSNS();
    if (sns == null) {
      throw new InvalidEventException(path + ".Sns", "is missing");
    }
    String messageField = path + ".Sns.Message";
    if (sns.getMessageId() == null || sns.getMessageId().isBlank()) {
      throw new InvalidEventException(path + ".Sns.MessageId", "is missing");
    }
    if (sns.getMessage() == null || sns.getMessage().isBlank()) {
      throw new InvalidEventException(messageField, "is missing");
    }
    JsonNode message;
    try {
      message = Json.MAPPER.readTree(sns.getMessage());
    } catch (JsonProcessingException e) {
      throw new InvalidEventException(messageField, "is not valid JSON: " + e.getOriginalMessage());
    }
    return ImageBuild.fromMessage(FieldReader.at(message, messageField));
  }
}
