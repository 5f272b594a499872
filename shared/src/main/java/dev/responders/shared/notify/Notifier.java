package dev.responders.shared.notify;

import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.aws.AwsClients;
import dev.responders.shared.config.ConfigReader;
import dev.responders.shared.json.Json;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Tells the responders what a handler did, on the suite's SNS topic ({@code NOTIFICATION_TOPIC_ARN}), with the
 * handler and outcome as message attributes so subscribers can filter. Without a topic it does nothing.
 *
 * <p>A notification that cannot be sent is audited and returned as {@link Delivery#FAILED}. It must never be lost:
 * a handler finishes its work, then fails the invocation ({@link dev.responders.shared.error.NotificationFailedException})
 * so Lambda retries, and keeps what it needs to know on the retry that the notification is still owed.
 */
public final class Notifier {

  /** SNS refuses longer subjects. */
  static final int MAX_SUBJECT = 100;

  private final SnsClient sns;
  private final String topicArn;

  public Notifier(SnsClient sns, String topicArn) {
    this.sns = sns;
    this.topicArn = topicArn == null || topicArn.isBlank() ? null : topicArn;
  }

  /** From {@code NOTIFICATION_TOPIC_ARN}; the SNS client is built (once, at init) only when a topic is set. */
  public static Notifier fromEnvironment(Map<String, String> environment) {
    String topic = new ConfigReader(environment).optional("NOTIFICATION_TOPIC_ARN", null);
    return topic == null ? disabled() : new Notifier(AwsClients.build(SnsClient.builder()), topic);
  }

  /** A notifier that sends nothing, for a deployment without a topic. */
  public static Notifier disabled() {
    return new Notifier(null, null);
  }

  /**
   * Publishes {@code details} (serialised as JSON) under {@code subject}.
   *
   * @return whether it was sent; SNS's own retries (throttling, 5xx) have been spent when it says FAILED
   */
  public Delivery notify(String handler, String outcome, String subject, Object details, AuditLog audit) {
    if (topicArn == null || sns == null) {
      return Delivery.NOT_CONFIGURED;
    }
    String safeSubject = subject(subject);
    try {
      var response = sns.publish(r -> r.topicArn(topicArn).subject(safeSubject).message(Json.write(details))
          .messageAttributes(Map.of(
              "handler", MessageAttributeValue.builder().dataType("String").stringValue(handler).build(),
              "outcome", MessageAttributeValue.builder().dataType("String").stringValue(outcome).build())));
      audit.changed("sns:Publish", topicArn, null, safeSubject, response);
      return Delivery.SENT;
    } catch (SdkException e) {
      audit.failed("sns:Publish", topicArn, safeSubject, e);
      return Delivery.FAILED;
    }
  }

  /** SNS subjects: printable ASCII, no line breaks, at most 100 characters. */
  static String subject(String text) {
    String printable = text.replaceAll("[^\\x20-\\x7E]", "?");
    return printable.length() <= MAX_SUBJECT ? printable : printable.substring(0, MAX_SUBJECT - 3) + "...";
  }
}
