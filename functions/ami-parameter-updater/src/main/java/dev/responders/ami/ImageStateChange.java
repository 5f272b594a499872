package dev.responders.ami;

import dev.responders.shared.error.InvalidEventException;
import dev.responders.shared.event.EventBridgeEvent;
import dev.responders.shared.event.FieldReader;
import java.util.List;
import java.util.Optional;

/**
 * The EventBridge "EC2 Image Builder Image State Change" event: which image, its new state. It carries no AMI
 * ids; those are read with {@code imagebuilder:GetImage}.
 */
public record ImageStateChange(String eventId, ImageArn image, ImageStatus status, String reason) {

  static final String SOURCE = "aws.imagebuilder";
  static final String DETAIL_TYPE = "EC2 Image Builder Image State Change";

  /** Why a well-formed EventBridge event is no image state change, or empty when it is one. */
  public static Optional<String> notAnImageStateChange(EventBridgeEvent envelope) {
    if (SOURCE.equals(envelope.source()) && DETAIL_TYPE.equals(envelope.detailType())) {
      return Optional.empty();
    }
    return Optional.of("event is '" + envelope.detailType() + "' from " + envelope.source() + ", not '"
        + DETAIL_TYPE + "' from " + SOURCE);
  }

  public static ImageStateChange from(EventBridgeEvent envelope) {
    if (envelope.resources().isEmpty()) {
      throw new InvalidEventException("resources", "must name the image whose state changed, got an empty array");
    }
    ImageArn image = ImageArn.parse(envelope.resources().get(0), "resources[0]");
    FieldReader state = envelope.detail().object("state");
    return new ImageStateChange(envelope.id(), image, ImageStatus.parse(state.text("status"), state.pathOf("status")),
        state.optionalText("reason").orElse(null));
  }

  /** The image as far as the event tells it: enough to report a failure, no AMIs. */
  public ImageBuild withoutAmis() {
    return new ImageBuild(image, image.name(), status, reason, null, null, List.of());
  }
}
