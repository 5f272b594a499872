package dev.responders.isolation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.shared.aws.Arn;
import dev.responders.shared.error.InvalidEventException;
import dev.responders.shared.event.EventBridgeEvent;
import dev.responders.shared.event.FieldReader;
import dev.responders.shared.text.Excerpt;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An EventBridge "Tag Change on Resource" event from {@code aws.tag}, reduced to what isolation needs.
 *
 * @param resource       the resource whose tags changed (the one entry of {@code resources})
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
  /** EC2 instance ids: {@code i-} and 8 or 17 lower-case hex digits. */
  private static final Pattern INSTANCE_ID = Pattern.compile("i-([0-9a-f]{8}|[0-9a-f]{17})");
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

  /**
   * The tag change an envelope carries; its detail is validated here. An event whose detail says EC2 instance
   * but whose resource is no readable instance ARN is malformed: the rule delivers it, and acting on it or
   * calling it out of scope would both hide a broken or forged event.
   */
  public static TagChangeEvent from(EventBridgeEvent envelope) {
    if (envelope.resources().size() != 1) {
      throw new InvalidEventException("resources", "must name exactly the one resource whose tags changed, got "
          + envelope.resources().size());
    }
    FieldReader detail = envelope.detail();
    String service = detail.text("service");
    String resourceType = detail.text("resource-type");
    Arn resource = Arn.parse(envelope.resources().get(0), "resources[0]");
    if ("ec2".equals(service) && "instance".equals(resourceType)) {
      if (!"ec2".equals(resource.service()) || !"instance".equals(resource.resourceType())) {
        throw new InvalidEventException("resources[0]", "must be an EC2 instance ARN as detail says, got "
            + Excerpt.of(envelope.resources().get(0)));
      }
      if (!INSTANCE_ID.matcher(resource.resourceId()).matches()) {
        throw new InvalidEventException("resources[0]", "must end in an instance id (i- and 8 or 17 hex digits), got "
            + Excerpt.of(resource.resourceId()));
      }
    }
    return new TagChangeEvent(
        envelope.id(),
        envelope.account(),
        envelope.region(),
        service,
        resourceType,
        resource,
        detail.texts("changed-tag-keys"),
        detail.textMap("tags"));
  }

  /** Why this well-formed event asks for nothing, or empty when it asks to isolate an instance. */
  public Optional<String> outOfScopeReason(IsolationConfig config) {
    return outOfScopeReason(config, config.tagValue());
  }

  /** Why this well-formed event does not set the trigger tag to {@code wanted} on an instance here, or empty. */
  public Optional<String> outOfScopeReason(IsolationConfig config, String wanted) {
    if (!"ec2".equals(service) || !"instance".equals(resourceType)) {
      return Optional.of("resource is " + Excerpt.of(service + "/" + resourceType) + ", not an EC2 instance");
    }
    Optional<String> elsewhere = config.scope().outsideReason(account, region, resource);
    if (elsewhere.isPresent()) {
      return elsewhere;
    }
    if (!changedTagKeys.contains(config.tagKey())) {
      return Optional.of("tag " + config.tagKey() + " did not change (changed: "
          + Excerpt.of(String.join(", ", changedTagKeys)) + ")");
    }
    String value = tags.get(config.tagKey());
    if (value == null) {
      return Optional.of("tag " + config.tagKey() + " was removed");
    }
    if (!value.equals(wanted)) {
      return Optional.of("tag " + config.tagKey() + " is " + Excerpt.of(value) + ", not '" + wanted + "'");
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
