package dev.responders.ami;

import dev.responders.shared.audit.AuditRecord;
import java.util.List;

/**
 * What one invocation did, returned by the handler: one entry per image (an SNS event may carry several).
 *
 * @param status  the first of incomplete, updated, reported, unchanged, skipped that any image came to
 * @param reason  why nothing was done, for an event that asked for nothing
 * @param changes every AWS mutation made, with before and after
 */
public record AmiUpdateResult(ImageOutcome status, String reason, List<ImageResult> images,
    List<AuditRecord> changes) {

  private static final List<ImageOutcome> PRECEDENCE = List.of(ImageOutcome.INCOMPLETE,
      ImageOutcome.UPDATED, ImageOutcome.REPORTED, ImageOutcome.UNCHANGED,
      ImageOutcome.SKIPPED);

  static AmiUpdateResult of(List<ImageResult> images, List<AuditRecord> changes) {
    ImageOutcome status = PRECEDENCE.stream()
        .filter(s -> images.stream().anyMatch(i -> i.status() == s)).findFirst().orElse(ImageOutcome.SKIPPED);
    String reason = images.size() == 1 ? images.get(0).reason() : null;
    return new AmiUpdateResult(status, reason, images, changes);
  }
}
