package dev.responders.tools.template;

import static dev.responders.tools.template.TemplateValues.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Resolves CloudFormation intrinsic functions (long form, as {@link TemplateReader} produces them) against one
 * deploy's parameters, pseudo parameters and the names the template gives its resources.
 */
final class Intrinsics {

  /** {@code Ref: AWS::NoValue}: the property or list item it stands for is removed. */
  static final Object NO_VALUE = new Object() {
    @Override
    public String toString() {
      return "AWS::NoValue";
    }
  };

  private static final Set<String> CONDITION_FUNCTIONS = Set.of("Fn::Equals", "Fn::Not", "Fn::And");

  private final TemplateParameters parameters;
  private final Map<String, Object> pseudoParameters;
  private final ResourceIdentity resources;
  private final Map<String, Object> mappings;
  private final TemplateConditions conditions;
  private final TemplateOptions options;

  Intrinsics(Map<String, Object> document, TemplateParameters parameters, TemplateOptions options) {
    this.parameters = parameters;
    this.options = options;
    this.mappings = TemplateValues.asMap(document.get("Mappings"));
    this.conditions = new TemplateConditions(TemplateValues.asMap(document.get("Conditions")), this::resolve);
    this.resources = new ResourceIdentity(document, options, this::resolve);
    Map<String, Object> pseudo = new HashMap<>();
    pseudo.put("AWS::Region", options.region());
    pseudo.put("AWS::AccountId", options.accountId());
    pseudo.put("AWS::Partition", options.partition());
    pseudo.put("AWS::URLSuffix", options.partition().equals("aws-cn") ? "amazonaws.com.cn" : "amazonaws.com");
    pseudo.put("AWS::StackName", TemplateOptions.STACK_NAME);
    pseudo.put("AWS::StackId", "arn:" + options.partition() + ":cloudformation:" + options.region() + ":"
        + options.accountId() + ":stack/" + TemplateOptions.STACK_NAME + "/00000000-0000-0000-0000-000000000000");
    pseudo.put("AWS::NotificationARNs", List.of());
    pseudo.put("AWS::NoValue", NO_VALUE);
    this.pseudoParameters = Map.copyOf(pseudo);
  }

  /** The value with every intrinsic inside it replaced by its result and every AWS::NoValue removed. */
  Object resolve(Object value) {
    if (TemplateValues.isIntrinsic(value)) {
      Map.Entry<?, ?> call = ((Map<?, ?>) value).entrySet().iterator().next();
      return call((String) call.getKey(), call.getValue());
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> resolved = new LinkedHashMap<>();
      map.forEach((key, item) -> {
        Object result = resolve(item);
        if (result != NO_VALUE) {
          resolved.put(String.valueOf(key), result);
        }
      });
      return resolved;
    }
    if (value instanceof List<?> list) {
      List<Object> resolved = new ArrayList<>();
      for (Object item : list) {
        Object result = resolve(item);
        if (result != NO_VALUE) {
          resolved.add(result);
        }
      }
      return resolved;
    }
    return value;
  }

  /** Whether a named condition or a condition expression holds. */
  boolean condition(Object expression) {
    return conditions.holds(expression);
  }

  private Object call(String function, Object argument) {
    if (CONDITION_FUNCTIONS.contains(function)) {
      return condition(Map.of(function, argument));
    }
    return switch (function) {
      case "Ref" -> ref(text(resolve(argument), "Ref"));
      case "Fn::Sub" -> sub(argument);
      case "Fn::GetAtt" -> getAtt(argument);
      case "Fn::Select" -> select(arguments(function, argument, 2));
      case "Fn::Split" -> {
        List<?> args = arguments(function, argument, 2);
        String delimiter = text(resolve(args.get(0)), function);
        yield List.of(text(resolve(args.get(1)), function).split(Pattern.quote(delimiter), -1));
      }
      case "Fn::If" -> {
        List<?> args = arguments(function, argument, 3);
        yield resolve(condition(text(args.get(0), function)) ? args.get(1) : args.get(2));
      }
      // Only what template.yaml uses is resolved (Fn::Join, FindInMap, Base64, Cidr, GetAZs, ImportValue,
      // ToJsonString and Length are not): a template that starts using one fails here, naming it.
      default -> throw new IllegalStateException("unsupported intrinsic function " + function
          + " (the template reader resolves only the ones template.yaml uses)");
    };
  }

  /** Ref to a pseudo parameter, a parameter, or a resource (including SAM's {@code Function.Alias}). */
  Object ref(String name) {
    if (pseudoParameters.containsKey(name)) {
      return pseudoParameters.get(name);
    }
    if (parameters.declares(name)) {
      return parameters.ref(name);
    }
    if (resources.knows(name)) {
      return resources.ref(name);
    }
    throw new IllegalStateException("Ref to " + name + ", which is neither a parameter nor a resource");
  }

  /** Fn::Sub, string form or [string, {variable: value}] form. */
  private String sub(Object argument) {
    if (argument instanceof String template) {
      return SubstitutionTemplate.substitute(template, this::subVariable);
    }
    List<?> args = arguments("Fn::Sub", argument, 2);
    Map<String, Object> variables = TemplateValues.asMap(resolve(args.get(1)));
    return SubstitutionTemplate.substitute(text(args.get(0), "Fn::Sub"),
        name -> variables.containsKey(name) ? variables.get(name) : subVariable(name));
  }

  /** What {@code Fn::GetAtt [logicalId, attribute]} returns. */
  Object attribute(String logicalId, String attribute) {
    return resources.getAtt(logicalId, attribute);
  }

  /** {@code ${Name}} in Fn::Sub: a parameter or resource, else {@code Resource.Attribute}. */
  private Object subVariable(String name) {
    if (pseudoParameters.containsKey(name) || parameters.declares(name) || resources.knows(name)
        || name.indexOf('.') < 0) {
      return ref(name);
    }
    int dot = name.indexOf('.');
    return resources.getAtt(name.substring(0, dot), name.substring(dot + 1));
  }

  private Object getAtt(Object argument) {
    if (argument instanceof String dotted && dotted.indexOf('.') > 0) {
      int dot = dotted.indexOf('.');
      return resources.getAtt(dotted.substring(0, dot), dotted.substring(dot + 1));
    }
    List<?> args = arguments("Fn::GetAtt", argument, 2);
    return resources.getAtt(text(args.get(0), "Fn::GetAtt"), text(resolve(args.get(1)), "Fn::GetAtt"));
  }

  private Object select(List<?> args) {
    int index = Integer.parseInt(text(resolve(args.get(0)), "Fn::Select"));
    Object items = resolve(args.get(1));
    if (!(items instanceof List<?> list) || index < 0 || index >= list.size()) {
      throw new IllegalStateException("Fn::Select index " + index + " is outside " + items);
    }
    return list.get(index);
  }

  private static List<?> arguments(String function, Object argument, int minimum) {
    if (!(argument instanceof List<?> list) || list.size() < minimum) {
      throw new IllegalStateException(function + " needs a list of at least " + minimum + " arguments, got "
          + argument);
    }
    return list;
  }
}
