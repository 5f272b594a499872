package dev.responders.ami;

import dev.responders.shared.notify.Delivery;
import java.util.List;

/**
 * What the function did for one image.
 *
 * @param parameters   one entry per AMI: its parameter and what became of it
 * @param notification whether the responders were told, or null when there was nothing to tell
 */
public record ImageResult(ImageOutcome status, String imageArn, String imageStatus, String reason,
    List<TargetOutcome> parameters, Delivery notification) {

  static ImageResult skipped(String imageArn, String imageStatus, String reason) {
    return new ImageResult(ImageOutcome.SKIPPED, imageArn, imageStatus, reason, List.of(), null);
  }

  ImageResult withNotification(Delivery delivery) {
    return new ImageResult(status, imageArn, imageStatus, reason, parameters, delivery);
  }

  /** The parameters not (fully) written. */
  public List<TargetOutcome> notDone() {
    return parameters.stream().filter(p -> !p.outcome().done()).toList();
  }
}
