package dev.responders.bluegreen;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who asked for a colour: a CodePipeline job (with its pipeline execution when the action passes it) or a CodeDeploy
 * deployment. Written into the description of the parameter version it sets, in the same PutParameter call as the
 * value, so a retry of the same job, execution or deployment finds it and flips nothing.
 *
 * <p>The description, not tags: PutParameter refuses Tags together with Overwrite, and a separate
 * AddTagsToResource call could fail after the value changed, leaving a flip without its record, which a retry would
 * then flip back.
 *
 * @param jobId               the CodePipeline job id, or null
 * @param pipelineExecutionId the pipeline execution id, or null when the action does not pass it
 * @param deploymentId        the CodeDeploy deployment id, or null
 */
public record FlipOrigin(String jobId, String pipelineExecutionId, String deploymentId) {

  private static final Pattern JOB = Pattern.compile("(?:^| )job=(\\S+)");
  private static final Pattern EXECUTION = Pattern.compile("(?:^| )execution=(\\S+)");
  private static final Pattern DEPLOYMENT = Pattern.compile("(?:^| )deployment=(\\S+)");

  public static FlipOrigin job(String jobId, String pipelineExecutionId) {
    return new FlipOrigin(jobId, pipelineExecutionId, null);
  }

  public static FlipOrigin deployment(String deploymentId) {
    return new FlipOrigin(null, null, deploymentId);
  }

  /** The parameter description that records this origin setting {@code colour} (SSM allows 1024 characters). */
  public String description(Colour colour) {
    StringBuilder text = new StringBuilder("Blue/green live colour ").append(colour.value()).append(", set by");
    if (jobId != null) {
      text.append(" job=").append(jobId);
    }
    if (pipelineExecutionId != null) {
      text.append(" execution=").append(pipelineExecutionId);
    }
    if (deploymentId != null) {
      text.append(" deployment=").append(deploymentId);
    }
    return text.toString();
  }

  /** Whether a parameter version's description was written for this job, this execution or this deployment. */
  public boolean recordedIn(String description) {
    if (description == null) {
      return false;
    }
    return same(jobId, JOB, description) || same(pipelineExecutionId, EXECUTION, description)
        || same(deploymentId, DEPLOYMENT, description);
  }

  /** Whether the description was written by this very job or deployment, not only by another job of its execution. */
  public boolean sameInvocationAs(String description) {
    return description != null && (same(jobId, JOB, description) || same(deploymentId, DEPLOYMENT, description));
  }

  /** Who this is, for notifications: {@code job <id>} or {@code deployment <id>}. */
  public String describe() {
    return jobId != null ? "CodePipeline job " + jobId + (pipelineExecutionId == null ? ""
        : " (pipeline execution " + pipelineExecutionId + ")") : "CodeDeploy deployment " + deploymentId;
  }

  /** The origin a description records, for the result and the audit ("set by"). */
  public static Optional<FlipOrigin> readFrom(String description) {
    if (description == null) {
      return Optional.empty();
    }
    FlipOrigin origin = new FlipOrigin(token(JOB, description), token(EXECUTION, description),
        token(DEPLOYMENT, description));
    return origin.jobId == null && origin.pipelineExecutionId == null && origin.deploymentId == null
        ? Optional.empty() : Optional.of(origin);
  }

  private static boolean same(String id, Pattern pattern, String description) {
    return id != null && id.equals(token(pattern, description));
  }

  private static String token(Pattern pattern, String description) {
    Matcher matcher = pattern.matcher(description);
    return matcher.find() ? matcher.group(1) : null;
  }
}
