package dev.responders.ami;

import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.aws.Pages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParameterHistoryResponse;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterHistory;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.PutParameterResponse;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;
import software.amazon.awssdk.services.ssm.model.Tag;

/**
 * Points one parameter at one AMI, never backwards. The newest version's description names the image its value
 * came from; a newer image (semantic version, then build version) replaces it, an older one or the same one
 * changes nothing (no new version), and SSM keeps every earlier version as history.
 *
 * <p>Tags: {@code PutParameter} refuses {@code Tags} together with {@code Overwrite}. A new parameter is created
 * with its tags in one call. An existing one is overwritten (value and description, the part that orders writes,
 * in one call), then retagged; if retagging fails, that is reported ({@link Outcome#TAGS_NOT_WRITTEN}) and the
 * invocation fails, and the retry finds the value current and completes the tags.
 */
public final class AmiParameterWriter {

  static final String DATA_TYPE = "aws:ec2:image";

  /** How a write is read back: SSM validates an aws:ec2:image value after answering, so it may show a moment later. */
  public record Confirmation(int attempts, Duration pause) {
    public static final Confirmation DEFAULT = new Confirmation(4, Duration.ofMillis(750));
  }

  private final WriteConfirmation confirmation;

  public AmiParameterWriter(Confirmation confirmation) {
    this.confirmation = new WriteConfirmation(confirmation);
  }

  public TargetOutcome write(SsmClient ssm, Target target, ImageBuild image, AuditLog audit) {
    Step step = new Step();
    try {
      return write(ssm, target, image, audit, step, true);
    } catch (SdkException e) {
      audit.failed(step.action, target.parameterArn(), step.before, e);
      Outcome outcome = step.valueWritten ? Outcome.TAGS_NOT_WRITTEN : Outcome.FAILED;
      return TargetOutcome.of(target, outcome, step.version, step.action + ": " + describe(e));
    }
  }

  private TargetOutcome write(SsmClient ssm, Target target, ImageBuild image, AuditLog audit, Step step,
      boolean mayRetryCreate) {
    String name = target.parameterName();
    String arn = target.parameterArn();
    String ami = target.ami().imageId();
    step.action = "ssm:GetParameterHistory";
    Optional<ParameterState> current = read(ssm, name);
    if (current.isEmpty()) {
      step.action = "ssm:PutParameter";
      try {
        PutParameterResponse created = ssm.putParameter(r -> r.name(name).value(ami).type(ParameterType.STRING)
            .dataType(DATA_TYPE).description(ParameterState.describe(image)).overwrite(false)
            .tags(tags(ParameterTags.of(image, target.ami()))));
        audit.changed("ssm:PutParameter", arn, null, Map.of("value", ami, "image", image.arn().toString(),
            "tags", ParameterTags.of(image, target.ami())), created);
        step.version = created.version();
        return confirmation.confirm(ssm, target, created.version(), Outcome.CREATED, "created with its tags", audit);
      } catch (ParameterAlreadyExistsException raced) {
        if (!mayRetryCreate) {
          throw raced;
        }
        audit.decision("re-read", arn, "created by someone else since it was read; deciding again");
        return write(ssm, target, image, audit, step, false);
      }
    }
    ParameterState state = current.get();
    step.before = Map.of("value", state.value(), "version", state.version(),
        "image", state.image().map(ImageArn::toString).orElse("(none)"));
    if (state.image().isEmpty()) {
      String why = "exists without an Image Builder image in its description: not written by this function, left as it is";
      audit.decision("leave", arn, why);
      return TargetOutcome.of(target, Outcome.CONFLICT, state.version(), why);
    }
    ImageArn holds = state.image().get();
    boolean sameImage = holds.sameImageAs(image.arn());
    if (sameImage && holds.isNewerThan(image.arn())) {
      String why = "holds " + holds.versionLabel() + " (" + state.value() + "), newer than " + image.arn().versionLabel()
          + ": an older image never replaces a newer one";
      audit.unchanged("ssm:PutParameter", arn, step.before, why);
      return TargetOutcome.of(target, Outcome.KEPT_NEWER, state.version(), why);
    }
    if (sameImage && !image.arn().isNewerThan(holds) && state.value().equals(ami)) {
      step.valueWritten = true;
      step.version = state.version();
      boolean retagged = retag(ssm, target, image, audit, step);
      String why = "already holds " + ami + " of " + image.arn().versionLabel();
      if (!retagged) {
        audit.unchanged("ssm:PutParameter", arn, step.before, why);
      }
      return TargetOutcome.of(target, retagged ? Outcome.RETAGGED : Outcome.UNCHANGED, state.version(),
          retagged ? why + "; its tags were completed" : why);
    }
    step.action = "ssm:PutParameter";
    PutParameterResponse put = ssm.putParameter(r -> r.name(name).value(ami).type(ParameterType.STRING)
        .dataType(DATA_TYPE).description(ParameterState.describe(image)).overwrite(true));
    audit.changed("ssm:PutParameter", arn, step.before, Map.of("value", ami, "version", put.version(),
        "image", image.arn().toString()), put);
    step.valueWritten = true;
    step.version = put.version();
    if (put.version() > state.version() + 1) {
      Optional<TargetOutcome> restored = restoreNewerWrittenMeanwhile(ssm, target, state.version(), put.version(),
          image, audit, step);
      if (restored.isPresent()) {
        return restored.get();
      }
    }
    String why = sameImage ? "replaced " + holds.versionLabel() + " (" + state.value() + ")"
        : "replaced image " + holds + ": the name now serves " + image.arn().name();
    TargetOutcome written = confirmation.confirm(ssm, target, put.version(), Outcome.UPDATED, why, audit);
    if (written.outcome() != Outcome.UPDATED) {
      return written;
    }
    retag(ssm, target, image, audit, step);
    return written;
  }

  /**
   * Someone wrote the parameter between this function's read (version {@code read}) and its write ({@code written}):
   * another writer of the name, or a concurrent invocation. If one of those versions holds a newer build of the same
   * image, this write put an older one over it: the newer value and description are put back.
   */
  private Optional<TargetOutcome> restoreNewerWrittenMeanwhile(SsmClient ssm, Target target, long read, long written,
      ImageBuild image, AuditLog audit, Step step) {
    step.action = "ssm:GetParameterHistory";
    ParameterHistory newest = null;
    ImageArn newestImage = image.arn();
    for (ParameterHistory version : history(ssm, target.parameterName())) {
      Optional<ImageArn> held = ImageArn.findIn(version.description());
      if (version.version() > read && version.version() < written && held.isPresent()
          && held.get().sameImageAs(image.arn()) && held.get().isNewerThan(newestImage)) {
        newest = version;
        newestImage = held.get();
      }
    }
    if (newest == null) {
      return Optional.empty();
    }
    ParameterHistory keep = newest;
    step.action = "ssm:PutParameter";
    PutParameterResponse restored = ssm.putParameter(r -> r.name(target.parameterName()).value(keep.value())
        .type(ParameterType.STRING).dataType(DATA_TYPE).description(keep.description()).overwrite(true));
    String why = newestImage.versionLabel() + " (" + keep.value() + ") was written as version " + keep.version()
        + " while " + image.arn().versionLabel() + " was being written: the newer one is put back";
    audit.changed("ssm:PutParameter", target.parameterArn(), Map.of("value", target.ami().imageId(), "version", written),
        Map.of("value", keep.value(), "version", restored.version(), "image", newestImage.toString()), restored);
    return Optional.of(TargetOutcome.of(target, Outcome.KEPT_NEWER, restored.version(), why));
  }

  /** Every version of the parameter, oldest first, 50 a page: SSM keeps at most 100, so one or two calls. */
  private static List<ParameterHistory> history(SsmClient ssm, String name) {
    return Pages.collect(token -> ssm.getParameterHistory(r -> r.name(name).maxResults(50).nextToken(token)),
        GetParameterHistoryResponse::parameters, GetParameterHistoryResponse::nextToken);
  }

  /** The newest version of the parameter, or empty when there is none. */
  Optional<ParameterState> read(SsmClient ssm, String name) {
    try {
      List<ParameterHistory> versions = history(ssm, name);
      if (versions.isEmpty()) {
        return Optional.empty();
      }
      ParameterHistory last = versions.get(versions.size() - 1);
      return Optional.of(new ParameterState(last.value(), last.version(), last.dataType(), last.description(),
          ImageArn.findIn(last.description())));
    } catch (ParameterNotFoundException e) {
      return Optional.empty();
    }
  }

  /** Sets the image's tags where they differ and removes managed tags the image no longer has; true if it changed any. */
  private boolean retag(SsmClient ssm, Target target, ImageBuild image, AuditLog audit, Step step) {
    String name = target.parameterName();
    step.action = "ssm:ListTagsForResource";
    Map<String, String> now = new LinkedHashMap<>();
    ssm.listTagsForResource(r -> r.resourceType(ResourceTypeForTagging.PARAMETER).resourceId(name)).tagList()
        .forEach(tag -> now.put(tag.key(), tag.value()));
    Map<String, String> wanted = ParameterTags.of(image, target.ami());
    Map<String, String> add = new LinkedHashMap<>();
    wanted.forEach((key, value) -> {
      if (!value.equals(now.get(key))) {
        add.put(key, value);
      }
    });
    List<String> remove = new ArrayList<>();
    now.keySet().stream().filter(ParameterTags::managed).filter(key -> !wanted.containsKey(key)).forEach(remove::add);
    if (!add.isEmpty()) {
      step.action = "ssm:AddTagsToResource";
      var response = ssm.addTagsToResource(r -> r.resourceType(ResourceTypeForTagging.PARAMETER).resourceId(name)
          .tags(tags(add)));
      audit.changed("ssm:AddTagsToResource", target.parameterArn(), subset(now, add.keySet()), add, response);
    }
    if (!remove.isEmpty()) {
      step.action = "ssm:RemoveTagsFromResource";
      var response = ssm.removeTagsFromResource(r -> r.resourceType(ResourceTypeForTagging.PARAMETER)
          .resourceId(name).tagKeys(remove));
      audit.changed("ssm:RemoveTagsFromResource", target.parameterArn(), subset(now, remove), null, response);
    }
    return !add.isEmpty() || !remove.isEmpty();
  }

  private static List<Tag> tags(Map<String, String> tags) {
    return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
  }

  private static Map<String, String> subset(Map<String, String> tags, Iterable<String> keys) {
    Map<String, String> subset = new LinkedHashMap<>();
    keys.forEach(key -> {
      if (tags.containsKey(key)) {
        subset.put(key, tags.get(key));
      }
    });
    return subset;
  }

  static String describe(SdkException e) {
    if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
      return service.awsErrorDetails().errorCode() + ": " + service.awsErrorDetails().errorMessage();
    }
    return e.getMessage();
  }

  /** The call under way, for the audit line and outcome of a failure. */
  private static final class Step {
    private String action = "ssm:GetParameterHistory";
    private Object before;
    private boolean valueWritten;
    private Long version;
  }
}
