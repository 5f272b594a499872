package dev.responders.ami;

import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.lambda.TimeBudget;
import dev.responders.shared.notify.Delivery;
import dev.responders.shared.notify.Notifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Points each AMI's parameter at it, in the AMI's own region and account, for an AVAILABLE image; reports a
 * FAILED, CANCELLED or DEPRECATED one; ignores the rest. One parameter failing does not stop the others.
 */
public final class AmiParameterUpdater {

  /** The parameters one image's AMIs go to, all named and checked before anything is written. */
  public record ImagePlan(ImageBuild image, List<Target> targets) {
  }

  private final AmiParameterConfig config;
  private final ParameterStores stores;
  private final AmiParameterWriter writer;
  private final Notifier notifier;

  public AmiParameterUpdater(AmiParameterConfig config, ParameterStores stores, AmiParameterWriter writer,
      Notifier notifier) {
    this.config = config;
    this.stores = stores;
    this.writer = writer;
    this.notifier = notifier;
  }

  /** Names every parameter; a name SSM would refuse is an invalid event, raised before any write. */
  public ImagePlan plan(ImageBuild image) {
    List<Target> targets = new ArrayList<>();
    if (image.status().handling() == ImageStatus.Handling.PUBLISH) {
      for (Ami ami : image.amis()) {
        targets.add(new Target(image.arn().partition(), ami.accountId(), ami.region(),
            config.parameterName().render(image, ami), ami));
      }
    }
    return new ImagePlan(image, List.copyOf(targets));
  }

  public ImageResult apply(ImagePlan plan, AuditLog audit, TimeBudget budget) {
    ImageBuild image = plan.image();
    String arn = image.arn().toString();
    String status = image.status().name();
    Optional<String> notOurs;
    try {
      notOurs = stores.imageOutOfScope(image.arn().account());
    } catch (SdkException e) {
      return unchecked(image, e, audit);
    }
    if (notOurs.isPresent()) {
      return skip(arn, status, notOurs.get(), audit);
    }
    return switch (image.status().handling()) {
      case IGNORE -> skip(arn, status, "image is " + status + ": parameters change only when an image is AVAILABLE",
          audit);
      case REPORT -> report(image, audit);
      case PUBLISH -> plan.targets().isEmpty()
          ? skip(arn, status, "image is AVAILABLE but has no AMIs (a container image?): no parameter to write", audit)
          : publish(plan, audit, budget);
    };
  }

  private ImageResult publish(ImagePlan plan, AuditLog audit, TimeBudget budget) {
    ImageBuild image = plan.image();
    audit.decision("publish", image.arn().toString(), plan.targets().size() + " AMI(s) of "
        + image.arn().versionLabel() + " to " + config.parameterName().template());
    List<TargetOutcome> outcomes = new ArrayList<>();
    for (Target target : plan.targets()) {
      if (!budget.allowsAnotherStep()) {
        String why = "not tried: " + budget.remainingMillis() + " ms left, too little for another region and the report";
        audit.decision("stop", target.parameterArn(), why);
        outcomes.add(TargetOutcome.of(target, Outcome.NOT_TRIED, null, why));
        continue;
      }
      outcomes.add(publish(target, image, audit));
    }
    boolean complete = outcomes.stream().allMatch(o -> o.outcome().done());
    boolean changed = outcomes.stream().anyMatch(o -> o.outcome() == Outcome.CREATED
        || o.outcome() == Outcome.UPDATED || o.outcome() == Outcome.RETAGGED);
    ImageOutcome outcome = !complete ? ImageOutcome.INCOMPLETE
        : changed ? ImageOutcome.UPDATED : ImageOutcome.UNCHANGED;
    ImageResult result = new ImageResult(outcome, image.arn().toString(), image.status().name(), null,
        List.copyOf(outcomes), null);
    if (outcome != ImageOutcome.INCOMPLETE) {
      return result;
    }
    Map<String, Object> details = details(image);
    details.put("parameters", outcomes);
    Delivery delivery = notifier.notify(AmiParameterUpdaterHandler.NAME, "incomplete",
        "AMI parameters INCOMPLETE for " + described(image), details, audit);
    return result.withNotification(delivery);
  }

  /** One parameter; an account that cannot be checked or reached (throttled, role denied) fails only this one. */
  private TargetOutcome publish(Target target, ImageBuild image, AuditLog audit) {
    String action = "organizations:DescribeAccount";
    try {
      Optional<String> notWritten = stores.targetOutOfScope(target);
      if (notWritten.isPresent()) {
        audit.decision("skip", target.parameterArn(), notWritten.get());
        return TargetOutcome.of(target, Outcome.SKIPPED, null, notWritten.get());
      }
      action = "sts:AssumeRole";
      SsmClient ssm = stores.of(target);
      return writer.write(ssm, target, image, audit);
    } catch (SdkException e) {
      audit.failed(action, target.parameterArn(), null, e);
      return TargetOutcome.of(target, Outcome.FAILED, null, action + ": " + AmiParameterWriter.describe(e));
    }
  }

  /** The image's account could not be checked against the organization: nothing written, reported, retried. */
  private ImageResult unchecked(ImageBuild image, SdkException e, AuditLog audit) {
    String why = "organizations:DescribeAccount: " + AmiParameterWriter.describe(e);
    audit.failed("organizations:DescribeAccount", image.arn().toString(), null, e);
    Map<String, Object> details = details(image);
    details.put("error", why);
    Delivery delivery = notifier.notify(AmiParameterUpdaterHandler.NAME, "incomplete",
        "AMI parameters INCOMPLETE for " + described(image), details, audit);
    return new ImageResult(ImageOutcome.INCOMPLETE, image.arn().toString(), image.status().name(), why, List.of(),
        delivery);
  }

  private ImageResult report(ImageBuild image, AuditLog audit) {
    String status = image.status().name();
    String reason = image.reason() == null ? "Image Builder gave no reason" : image.reason();
    audit.decision("report", image.arn().toString(), "image is " + status + " (" + reason + "): no parameter changes");
    Map<String, Object> details = details(image);
    details.put("reason", reason);
    Delivery delivery = notifier.notify(AmiParameterUpdaterHandler.NAME, status.toLowerCase(),
        "Image Builder image " + status + ": " + described(image), details, audit);
    return new ImageResult(ImageOutcome.REPORTED, image.arn().toString(), status, reason, List.of(), delivery);
  }

  private static Map<String, Object> details(ImageBuild image) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("image_arn", image.arn().toString());
    details.put("image_name", image.displayName());
    details.put("status", image.status().name());
    if (image.pipelineArn() != null) {
      details.put("pipeline_arn", image.pipelineArn());
    }
    return details;
  }

  private static String described(ImageBuild image) {
    return image.arn().name() + " " + image.arn().versionLabel();
  }

  private static ImageResult skip(String arn, String status, String reason, AuditLog audit) {
    audit.decision("skip", arn, reason);
    return ImageResult.skipped(arn, status, reason);
  }
}
