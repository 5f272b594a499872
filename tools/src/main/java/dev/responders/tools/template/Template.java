package dev.responders.tools.template;

import static dev.responders.tools.template.TemplateValues.asMap;
import static dev.responders.tools.template.TemplateValues.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A SAM/CloudFormation template as one deploy would see it: parameters overridden or defaulted, intrinsics
 * resolved. Answers what the tools need from template.yaml: each function's handler and environment, and the
 * event patterns that route events to it.
 */
public final class Template {

  private static final Set<String> FUNCTION_TYPES = Set.of("AWS::Serverless::Function", "AWS::Lambda::Function");
  private static final Set<String> SAM_EVENT_RULE_TYPES = Set.of("EventBridgeRule", "CloudWatchEvent");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Object> document;
  private final Map<String, Object> resources;
  private final TemplateParameters parameters;
  private final Intrinsics intrinsics;

  private Template(Map<String, Object> document, TemplateOptions options) {
    this.document = document;
    this.resources = asMap(document.get("Resources"));
    this.parameters = TemplateParameters.of(asMap(document.get("Parameters")), options.parameterOverrides());
    this.intrinsics = new Intrinsics(document, parameters, options);
  }

  public static Template load(Path file, TemplateOptions options) {
    return new Template(TemplateReader.read(file), options);
  }

  public static Template parse(String yaml, TemplateOptions options) {
    return new Template(TemplateReader.parse(yaml), options);
  }

  /** Each parameter's value for this deploy (override, else default); parameters with neither are left out. */
  public Map<String, String> parameters() {
    return parameters.values();
  }

  /** Every Lambda function the template deploys, by logical id, in template order. */
  public Map<String, FunctionDefinition> functions() {
    Map<String, FunctionDefinition> functions = new LinkedHashMap<>();
    resources.forEach((logicalId, resource) -> {
      if (isFunction(logicalId) && deployed(logicalId)) {
        functions.put(logicalId, definition(logicalId));
      }
    });
    return Collections.unmodifiableMap(functions);
  }

  /**
   * A resource's properties as written, intrinsic functions unresolved ({@code !Sub x} reads as
   * {@code {"Fn::Sub": "x"}}): for tests of what the template grants (policies, conditions), which CloudFormation
   * resolves only at deploy time.
   */
  public Map<String, Object> resourceProperties(String logicalId) {
    if (!resources.containsKey(logicalId)) {
      throw new IllegalArgumentException("template has no resource " + logicalId);
    }
    return properties(logicalId);
  }

  /**
   * A resource's properties as CloudFormation would deploy them with this template's parameters: every intrinsic
   * resolved and every AWS::NoValue removed. For tests of what a parameter turns a policy into.
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> resolvedResourceProperties(String logicalId) {
    return (Map<String, Object>) intrinsics.resolve(resourceProperties(logicalId));
  }

  /** A parameter's definition as written: Type, Default, AllowedPattern, ... */
  public Map<String, Object> parameterDefinition(String name) {
    Map<String, Object> definitions = asMap(document.get("Parameters"));
    if (!definitions.containsKey(name)) {
      throw new IllegalArgumentException("template has no parameter " + name);
    }
    return asMap(definitions.get(name));
  }

  /** The resource's attribute {@code name} as written ({@code DeletionPolicy}, {@code Condition}), or null. */
  public Object resourceAttribute(String logicalId, String name) {
    return asMap(resources.get(logicalId)).get(name);
  }

  /** The logical ids of every resource of {@code type}, in template order, whatever their Condition. */
  public List<String> resourcesOfType(String type) {
    return resources.entrySet().stream().filter(resource -> type.equals(asMap(resource.getValue()).get("Type")))
        .map(Map.Entry::getKey).toList();
  }

  /** A condition's definition as written ({@code {"Fn::Equals": [...]}}), or an empty map. */
  public Map<String, Object> conditionDefinition(String name) {
    return asMap(asMap(document.get("Conditions")).get(name));
  }

  public FunctionDefinition function(String logicalId) {
    requireFunction(logicalId);
    return definition(logicalId);
  }

  /**
   * The event pattern (compact JSON) of every enabled rule that invokes the function: AWS::Events::Rule
   * resources with a target on the function, its alias or a version, and the function's SAM EventBridgeRule /
   * CloudWatchEvent event sources.
   */
  public List<String> eventPatternsFor(String functionLogicalId) {
    requireFunction(functionLogicalId);
    List<String> patterns = new ArrayList<>();
    asMap(properties(functionLogicalId).get("Events")).forEach((name, source) -> {
      Map<String, Object> event = asMap(source);
      Map<String, Object> eventProperties = asMap(event.get("Properties"));
      if (SAM_EVENT_RULE_TYPES.contains(String.valueOf(event.get("Type"))) && enabled(eventProperties)
          && eventProperties.containsKey("Pattern")) {
        patterns.add(compactJson(eventProperties.get("Pattern"), functionLogicalId + " event " + name));
      }
    });
    String functionArn = text(intrinsics.attribute(functionLogicalId, "Arn"), functionLogicalId + ".Arn");
    resources.forEach((logicalId, resource) -> {
      Map<String, Object> rule = properties(logicalId);
      if ("AWS::Events::Rule".equals(asMap(resource).get("Type")) && deployed(logicalId) && enabled(rule)
          && rule.containsKey("EventPattern") && targets(rule, functionArn)) {
        patterns.add(compactJson(rule.get("EventPattern"), "rule " + logicalId));
      }
    });
    return List.copyOf(patterns);
  }

  /** Every enabled AWS::Events::Rule with an event pattern that this deploy creates, in template order. */
  public List<EventRule> eventRules() {
    List<EventRule> rules = new ArrayList<>();
    resources.forEach((logicalId, resource) -> {
      Map<String, Object> rule = properties(logicalId);
      if ("AWS::Events::Rule".equals(asMap(resource).get("Type")) && deployed(logicalId) && enabled(rule)
          && rule.containsKey("EventPattern")) {
        // Resolved as a property, so that an Fn::If to AWS::NoValue (the default bus) leaves it out.
        Object bus = asMap(intrinsics.resolve(Map.of("EventBusName", rule.getOrDefault("EventBusName",
            EventRule.DEFAULT_BUS)))).get("EventBusName");
        rules.add(new EventRule(logicalId, bus == null ? EventRule.DEFAULT_BUS : text(bus, logicalId + ".EventBusName"),
            compactJson(rule.get("EventPattern"), "rule " + logicalId)));
      }
    });
    return List.copyOf(rules);
  }

  /** The AWS::Events::Rule resources of {@link #eventRules()} with a target on the function, its alias or a version. */
  public List<EventRule> eventRulesFor(String functionLogicalId) {
    requireFunction(functionLogicalId);
    String functionArn = text(intrinsics.attribute(functionLogicalId, "Arn"), functionLogicalId + ".Arn");
    return eventRules().stream().filter(rule -> targets(properties(rule.logicalId()), functionArn)).toList();
  }

  /** Whether this deploy creates the resource: it has no Condition, or its condition holds. */
  public boolean deploys(String logicalId) {
    if (!resources.containsKey(logicalId)) {
      throw new IllegalArgumentException("template has no resource " + logicalId);
    }
    return deployed(logicalId);
  }

  /** What {@code Fn::GetAtt [logicalId, attribute]} returns in this deploy (a SAM function's implicit role too). */
  public Object attribute(String logicalId, String attribute) {
    return intrinsics.attribute(logicalId, attribute);
  }

  private FunctionDefinition definition(String logicalId) {
    Map<String, Object> properties = properties(logicalId);
    Map<String, String> environment = new LinkedHashMap<>();
    asMap(intrinsics.resolve(asMap(properties.get("Environment")).get("Variables"))).forEach(
        (name, value) -> environment.put(name, text(value, logicalId + " environment variable " + name)));
    return new FunctionDefinition(
        logicalId,
        string(properties.get("Handler"), logicalId + ".Handler"),
        codeUri(properties.get("CodeUri"), logicalId + ".CodeUri"),
        string(properties.get("Runtime"), logicalId + ".Runtime"),
        integer(properties.get("MemorySize"), logicalId + ".MemorySize"),
        integer(properties.get("Timeout"), logicalId + ".Timeout"),
        environment);
  }

  private boolean targets(Map<String, Object> rule, String functionArn) {
    Object targets = rule.get("Targets");
    if (!(targets instanceof List<?> list)) {
      return false;
    }
    return list.stream()
        .map(target -> intrinsics.resolve(asMap(target).get("Arn")))
        .anyMatch(arn -> arn instanceof String s && (s.equals(functionArn) || s.startsWith(functionArn + ":")));
  }

  /** A rule's State, or a SAM event's State / Enabled. */
  private boolean enabled(Map<String, Object> properties) {
    Object state = intrinsics.resolve(properties.get("State"));
    Object flag = intrinsics.resolve(properties.get("Enabled"));
    return !"DISABLED".equals(state) && !Boolean.FALSE.equals(flag) && !"false".equals(flag);
  }

  /** A resource with a Condition is deployed only when the condition holds. */
  private boolean deployed(String logicalId) {
    Object condition = asMap(resources.get(logicalId)).get("Condition");
    return condition == null || intrinsics.condition(text(condition, logicalId + ".Condition"));
  }

  private Map<String, Object> properties(String logicalId) {
    return SamGlobals.functionProperties(document, asMap(resources.get(logicalId)));
  }

  private boolean isFunction(String logicalId) {
    return FUNCTION_TYPES.contains(String.valueOf(asMap(resources.get(logicalId)).get("Type")));
  }

  private void requireFunction(String logicalId) {
    if (!isFunction(logicalId)) {
      throw new IllegalArgumentException("no function " + logicalId + " in the template (functions: "
          + resources.keySet().stream().filter(this::isFunction).toList() + ")");
    }
  }

  private String string(Object value, String where) {
    Object resolved = intrinsics.resolve(value);
    return resolved == null ? null : text(resolved, where);
  }

  /** A folder, an s3:// URI, or SAM's {Bucket, Key} form written as an s3:// URI. */
  private String codeUri(Object value, String where) {
    Object resolved = intrinsics.resolve(value);
    if (resolved instanceof Map<?, ?> location) {
      return "s3://" + text(location.get("Bucket"), where + ".Bucket") + "/"
          + text(location.get("Key"), where + ".Key");
    }
    return resolved == null ? null : text(resolved, where);
  }

  private Integer integer(Object value, String where) {
    String resolved = string(value, where);
    try {
      return resolved == null ? null : Integer.valueOf(resolved);
    } catch (NumberFormatException e) {
      throw new IllegalStateException(where + " is not a whole number: " + resolved, e);
    }
  }

  /** An event pattern written as a YAML mapping or as a JSON string, as compact JSON. */
  private String compactJson(Object pattern, String where) {
    Object resolved = intrinsics.resolve(pattern);
    try {
      JsonNode json = resolved instanceof String text ? JSON.readTree(text) : JSON.valueToTree(resolved);
      if (json == null || !json.isObject()) {
        throw new IllegalStateException(where + ": the event pattern is not a JSON object: " + resolved);
      }
      return JSON.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(where + ": the event pattern is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }
}
