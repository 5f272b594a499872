package dev.responders.bluegreen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.shared.error.InvalidEventException;
import dev.responders.shared.json.Json;
import dev.responders.shared.text.Excerpt;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a pipeline action asks for, from its UserParameters: a JSON object, every key optional, e.g.
 * {@code {"parameter": "/bluegreen/myapp/live", "target": "#{BuildVariables.TARGET_COLOUR}",
 * "pipelineExecutionId": "#{codepipeline.PipelineExecutionId}"}}. Unknown keys are refused, so a typo
 * ({@code "taget"}) fails the action instead of silently toggling.
 *
 * @param parameterName       the marker parameter; the function's configured one when not given
 * @param target              the colour to make live; empty means the other colour of the live one
 * @param pipelineExecutionId the execution the job belongs to, so a stage retry (a new job) does not flip again
 */
public record FlipRequest(String parameterName, Optional<Colour> target, String pipelineExecutionId) {

  static final Set<String> KEYS = Set.of("parameter", "target", "pipelineExecutionId");
  /** SSM's hierarchical names: the function's policy grants parameter ARNs, which need the leading slash. */
  static final Pattern PARAMETER_NAME = Pattern.compile("(/[A-Za-z0-9_.\\-]+){1,15}");
  static final Pattern EXECUTION_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  /** Reads UserParameters (absent or blank: nothing asked); {@code field} is its path, for the errors. */
  public static FlipRequest fromUserParameters(String userParameters, String defaultParameter, String field) {
    if (userParameters == null || userParameters.isBlank()) {
      return new FlipRequest(defaultParameter, Optional.empty(), null);
    }
    JsonNode json;
    try {
      json = Json.MAPPER.readTree(userParameters);
    } catch (JsonProcessingException e) {
      json = null;
    }
    if (json == null || !json.isObject()) {
      throw new InvalidEventException(field, "must be a JSON object such as {\"target\": \"blue\"}");
    }
    for (Iterator<String> keys = json.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!KEYS.contains(key)) {
        throw new InvalidEventException(field + "." + key, "is not a setting of this action (known: parameter, "
            + "target, pipelineExecutionId)");
      }
    }
    String parameter = optionalText(json, "parameter", field);
    if (parameter != null && !PARAMETER_NAME.matcher(parameter).matches()) {
      throw new InvalidEventException(field + ".parameter", "must be an SSM parameter path such as /bluegreen/live, "
          + "got " + Excerpt.of(parameter));
    }
    String target = optionalText(json, "target", field);
    Optional<Colour> colour = Optional.ofNullable(target).flatMap(Colour::named);
    if (target != null && colour.isEmpty()) {
      throw new InvalidEventException(field + ".target", "must be blue or green, got " + Excerpt.of(target));
    }
    String execution = optionalText(json, "pipelineExecutionId", field);
    if (execution != null && !EXECUTION_ID.matcher(execution).matches()) {
      throw new InvalidEventException(field + ".pipelineExecutionId", "must be a pipeline execution id (pass "
          + "#{codepipeline.PipelineExecutionId}), got " + Excerpt.of(execution));
    }
    return new FlipRequest(parameter == null ? defaultParameter : parameter, colour, execution);
  }

  private static String optionalText(JsonNode json, String key, String field) {
    JsonNode value = json.get(key);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new InvalidEventException(field + "." + key, "must be a non-empty string");
    }
    return value.asText();
  }
}
