package dev.responders.tools.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The responders' notification topic with a queue subscribed to it, as a team's mailbox would be: what the
 * handlers publish is read back from the queue, over the wire, as SNS delivers it.
 */
public final class NotificationInbox {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SqsClient sqs;
  private final String topicArn;
  private final String queueUrl;

  private NotificationInbox(SqsClient sqs, String topicArn, String queueUrl) {
    this.sqs = sqs;
    this.topicArn = topicArn;
    this.queueUrl = queueUrl;
  }

  /** Creates topic {@code name} and a queue subscribed to it. */
  public static NotificationInbox create(SnsClient sns, SqsClient sqs, String name) {
    String topicArn = sns.createTopic(r -> r.name(name)).topicArn();
    String queueUrl = sqs.createQueue(r -> r.queueName(name + "-inbox")).queueUrl();
    String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
        .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
    sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
    return new NotificationInbox(sqs, topicArn, queueUrl);
  }

  public String topicArn() {
    return topicArn;
  }

  /** The notifications delivered so far (removed from the inbox): SNS envelopes with Subject and Message. */
  public List<JsonNode> take() {
    List<JsonNode> received = new ArrayList<>();
    List<Message> batch;
    do {
      batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
      for (Message message : batch) {
        received.add(read(message.body()));
        sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
      }
    } while (!batch.isEmpty());
    return received;
  }

  private static JsonNode read(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
