package dev.responders.ami;

import dev.responders.shared.error.InvalidEventException;
import dev.responders.shared.event.FieldReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Image Builder image as the function needs it, whichever way it arrived (an SNS message carries it
 * whole; for an EventBridge state change it is read with {@code imagebuilder:GetImage}).
 *
 * @param arn          the build version ARN: which image, which version and build
 * @param displayName  the image's name as Image Builder shows it (may hold spaces)
 * @param reason       Image Builder's {@code state.reason} (failures)
 * @param pipelineArn  the pipeline that built it; null for an image built outside a pipeline
 * @param dateCreated  when it was created, as ISO-8601 when Image Builder's form could be read
 * @param amis         one per region and account it was distributed to; empty unless AVAILABLE
 */
public record ImageBuild(
    ImageArn arn,
    String displayName,
    ImageStatus status,
    String reason,
    String pipelineArn,
    String dateCreated,
    List<Ami> amis) {

  private static final Pattern PIPELINE_ARN =
      Pattern.compile("arn:aws[a-z-]*:imagebuilder:[a-z0-9-]+:[0-9]{12}:image-pipeline/([a-z0-9_-]+)");

  /**
   * Reads the image JSON Image Builder publishes to SNS, held by {@code message} (its path names the SNS record),
   * checking every field the function relies on.
   */
  public static ImageBuild fromMessage(FieldReader message) {
    ImageArn arn = ImageArn.parse(message.text("arn"), message.pathOf("arn"));
    Optional<String> version = message.optionalText("version");
    if (version.isPresent() && !version.get().equals(arn.version().toString())) {
      throw new InvalidEventException(message.pathOf("version"), "is '" + version.get() + "' but arn says "
          + arn.version());
    }
    if (message.has("buildVersion")) {
      long build = message.integer("buildVersion");
      if (build != arn.buildVersion()) {
        throw new InvalidEventException(message.pathOf("buildVersion"), "is " + build + " but arn says "
            + arn.buildVersion());
      }
    }
    FieldReader state = message.object("state");
    ImageStatus status = ImageStatus.parse(state.text("status"), state.pathOf("status"));
    List<Ami> amis = List.of();
    if (status == ImageStatus.AVAILABLE) {
      List<Ami> read = new ArrayList<>();
      for (FieldReader ami : message.object("outputResources").objects("amis")) {
        read.add(Ami.read(ami));
      }
      amis = distinctTargets(read, message.pathOf("outputResources.amis"));
    }
    return new ImageBuild(arn, message.optionalText("name").orElse(arn.name()), status,
        state.optionalText("reason").orElse(null),
        pipelineArn(message.optionalText("sourcePipelineArn").orElse(null), message.pathOf("sourcePipelineArn")),
        message.optionalText("dateCreated").map(ImageDates::normalise).orElse(null), amis);
  }

  /** Checks a pipeline ARN (null when the image was built outside a pipeline). */
  static String pipelineArn(String value, String field) {
    if (value != null && !PIPELINE_ARN.matcher(value).matches()) {
      throw new InvalidEventException(field, "is not an Image Builder pipeline ARN: '" + value + "'");
    }
    return value;
  }

  /**
   * One AMI per account and region: each has its own parameter there, so two entries for one place would
   * overwrite each other.
   */
  static List<Ami> distinctTargets(List<Ami> amis, String field) {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < amis.size(); i++) {
      Ami ami = amis.get(i);
      Integer earlier = seen.putIfAbsent(ami.accountId() + "/" + ami.region(), i);
      if (earlier != null) {
        throw new InvalidEventException(field + "[" + i + "]", "is a second AMI for account " + ami.accountId()
            + " in " + ami.region() + " (after [" + earlier + "]): its parameter would overwrite the other's");
      }
    }
    return List.copyOf(amis);
  }

  /** The pipeline's name ({@code image-pipeline/<name>}), when it was built by one. */
  public Optional<String> pipelineName() {
    if (pipelineArn == null) {
      return Optional.empty();
    }
    Matcher m = PIPELINE_ARN.matcher(pipelineArn);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
