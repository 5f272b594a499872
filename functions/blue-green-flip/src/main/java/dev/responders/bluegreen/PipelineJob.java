package dev.responders.bluegreen;

import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.shared.error.InvalidEventException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A CodePipeline Lambda invoke job, reduced to what a flip needs. {@code data.artifactCredentials} (live
 * credentials of the pipeline's role) and the artifact locations are never read, so nothing derived from this
 * record can carry them. That is also why this is not aws-lambda-java-events' CodePipelineEvent: it binds the
 * credentials into the event object, where any toString or log of the event carries them.
 *
 * @param jobId     the job to report the result of
 * @param accountId the pipeline's account
 * @param request   what UserParameters ask for
 * @param continued whether the job carries a continuationToken (a continuation of an earlier invocation)
 */
public record PipelineJob(String jobId, String accountId, FlipRequest request, boolean continued) {

  static final String FIELD = "CodePipeline.job";
  static final Pattern JOB_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final String USER_PARAMETERS = FIELD + ".data.actionConfiguration.configuration.UserParameters";

  /** Whether the event is a CodePipeline job at all (well-formed or not). */
  public static boolean isJob(JsonNode event) {
    return event.has(FIELD);
  }

  /** The job id, when it can be read, so even a malformed job can be failed instead of left to time out. */
  public static Optional<String> readableJobId(JsonNode event) {
    JsonNode id = event.path(FIELD).path("id");
    return id.isTextual() && JOB_ID.matcher(id.asText()).matches() ? Optional.of(id.asText()) : Optional.empty();
  }

  /** Validates the job; every problem is an {@link InvalidEventException} naming the field. */
  public static PipelineJob parse(JsonNode event, String defaultParameter) {
    JsonNode job = object(event, FIELD, "");
    String id = text(job, "id", FIELD);
    if (!JOB_ID.matcher(id).matches()) {
      throw new InvalidEventException(FIELD + ".id", "must be a CodePipeline job id (a UUID)");
    }
    String account = text(job, "accountId", FIELD);
    JsonNode data = object(job, "data", FIELD);
    JsonNode configuration = object(object(data, "actionConfiguration", FIELD + ".data"), "configuration",
        FIELD + ".data.actionConfiguration");
    JsonNode userParameters = configuration.get("UserParameters");
    if (userParameters != null && !userParameters.isNull() && !userParameters.isTextual()) {
      throw new InvalidEventException(USER_PARAMETERS, "must be a string");
    }
    JsonNode continuation = data.get("continuationToken");
    if (continuation != null && !continuation.isNull() && !continuation.isTextual()) {
      throw new InvalidEventException(FIELD + ".data.continuationToken", "must be a string");
    }
    FlipRequest request = FlipRequest.fromUserParameters(
        userParameters == null || userParameters.isNull() ? null : userParameters.asText(), defaultParameter,
        USER_PARAMETERS);
    return new PipelineJob(id, account, request, continuation != null && !continuation.isNull());
  }

  private static JsonNode object(JsonNode parent, String name, String parentPath) {
    JsonNode value = parent.get(name);
    String path = parentPath.isEmpty() ? name : parentPath + "." + name;
    if (value == null || value.isNull()) {
      throw new InvalidEventException(path, "is missing");
    }
    if (!value.isObject()) {
      throw new InvalidEventException(path, "must be an object");
    }
    return value;
  }

  private static String text(JsonNode parent, String name, String parentPath) {
    JsonNode value = parent.get(name);
    String path = parentPath + "." + name;
    if (value == null || value.isNull()) {
      throw new InvalidEventException(path, "is missing");
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new InvalidEventException(path, "must be a non-empty string");
    }
    return value.asText();
  }
}
