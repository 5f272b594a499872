package dev.responders.isolation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.shared.aws.Arn;
import dev.responders.shared.error.InvalidEventException;
import dev.responders.shared.event.EventBridgeEvent;
import dev.responders.shared.event.FieldReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An EventBridge "Tag Change on Resource" event from {@code aws.tag}, reduced to what isolation needs.
 *
 * @param resource       the resource whose tags changed (the first of {@code resources})
 * @param changedTagKeys keys added, changed or removed
 * @param tags           the tags after the change: a removed key is absent here
 */
public record TagChangeEvent(
    String eventId,
    String account,
    String region,
    String service,
    String resourceType,
    Arn resource,
    List<String> changedTagKeys,
    Map<String, String> tags) {

  static final String SOURCE = "aws.tag";
  static final String DETAIL_TYPE = "Tag Change on Resource";

  /** Parses and validates; every malformed field gives an {@link InvalidEventException} naming it. */
  public static TagChangeEvent parse(JsonNode json) {
    return from(EventBridgeEvent.parse(json));
  }

  /**
   * Why a well-formed EventBridge event is no tag change at all (a rule that routes other events here), or
   * empty when it is one.
   */
  public static Optional<String> notATagChange(EventBridgeEvent envelope) {
    if (SOURCE.equals(envelope.source()) && DETAIL_TYPE.equals(envelope.detailType())) {
      return Optional.empty();
    }
    return Optional.of("event is '" + envelope.detailType() + "' from " + envelope.source() + ", not '"
        + DETAIL_TYPE + "' from " + SOURCE);
  }

  /** The tag change an envelope carries; its detail is validated here. */
  public static TagChangeEvent from(EventBridgeEvent envelope) {
    if (envelope.resources().isEmpty()) {
      throw new InvalidEventException("resources", "must name the resource whose tags changed, got an empty array");
    }
    FieldReader detail = envelope.detail();
    return new TagChangeEvent(
        envelope.id(),
        envelope.account(),
        envelope.region(),
        detail.text("service"),
        detail.text("resource-type"),
        Arn.parse(envelope.resources().get(0), "resources[0]"),
        detail.texts("changed-tag-keys"),
        detail.textMap("tags"));
  }

  /** Why this well-formed event asks for nothing, or empty when it asks to isolate an instance. */
  public Optional<String> outOfScopeReason(IsolationConfig config) {
    if (!"ec2".equals(service) || !"instance".equals(resourceType)) {
      return Optional.of("resource is " + service + " " + resourceType + ", not an EC2 instance");
    }
    if (!"ec2".equals(resource.service()) || !"instance".equals(resource.resourceType())
        || !resource.resourceId().startsWith("i-")) {
      return Optional.of("resource " + resourceArn() + " is not an EC2 instance");
    }
    if (!changedTagKeys.contains(config.tagKey())) {
      return Optional.of("tag " + config.tagKey() + " did not change (changed: " + changedTagKeys + ")");
    }
    String value = tags.get(config.tagKey());
    if (value == null) {
      return Optional.of("tag " + config.tagKey() + " was removed");
    }
    if (!value.equals(config.tagValue())) {
      return Optional.of("tag " + config.tagKey() + " is '" + value + "', not '" + config.tagValue() + "'");
    }
    return Optional.empty();
  }

  public String instanceId() {
    return resource.resourceId();
  }

  public String resourceArn() {
    return "arn:" + resource.partition() + ":" + resource.service() + ":" + resource.region() + ":"
        + resource.account() + ":" + resource.resource();
  }
}
