package dev.responders.tools.template;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What {@code Ref} and {@code Fn::GetAtt} return for a resource once deployed: its physical name is the one its
 * properties give it (InstanceProfileName, QueueName, ...), else its logical id, where CloudFormation would
 * generate one; ARNs and URLs are built from that name in the template's region and account.
 */
final class ResourceIdentity {

  private enum RefReturns { NAME, ARN, URL }

  /** nameProperty: where the template names the resource; arn: the ARN built from that name. */
  private record Kind(String nameProperty, RefReturns ref, String arn) {
  }

  private static final Map<String, Kind> KINDS = Map.ofEntries(
      Map.entry("AWS::Serverless::Function", new Kind("FunctionName", RefReturns.NAME,
          "arn:{partition}:lambda:{region}:{account}:function:{name}")),
      Map.entry("AWS::Lambda::Function", new Kind("FunctionName", RefReturns.NAME,
          "arn:{partition}:lambda:{region}:{account}:function:{name}")),
      Map.entry("AWS::SQS::Queue", new Kind("QueueName", RefReturns.URL,
          "arn:{partition}:sqs:{region}:{account}:{name}")),
      Map.entry("AWS::SNS::Topic", new Kind("TopicName", RefReturns.ARN,
          "arn:{partition}:sns:{region}:{account}:{name}")),
      Map.entry("AWS::IAM::Role", new Kind("RoleName", RefReturns.NAME, "arn:{partition}:iam::{account}:role/{name}")),
      Map.entry("AWS::IAM::InstanceProfile", new Kind("InstanceProfileName", RefReturns.NAME,
          "arn:{partition}:iam::{account}:instance-profile/{name}")),
      Map.entry("AWS::IAM::ManagedPolicy", new Kind("ManagedPolicyName", RefReturns.ARN,
          "arn:{partition}:iam::{account}:policy/{name}")),
      Map.entry("AWS::Events::Rule", new Kind("Name", RefReturns.NAME,
          "arn:{partition}:events:{region}:{account}:rule/{name}")),
      Map.entry("AWS::Events::EventBus", new Kind("Name", RefReturns.NAME,
          "arn:{partition}:events:{region}:{account}:event-bus/{name}")),
      Map.entry("AWS::Logs::LogGroup", new Kind("LogGroupName", RefReturns.NAME,
          "arn:{partition}:logs:{region}:{account}:log-group:{name}:*")),
      Map.entry("AWS::DynamoDB::Table", new Kind("TableName", RefReturns.NAME,
          "arn:{partition}:dynamodb:{region}:{account}:table/{name}")),
      Map.entry("AWS::Serverless::SimpleTable", new Kind("TableName", RefReturns.NAME,
          "arn:{partition}:dynamodb:{region}:{account}:table/{name}")),
      Map.entry("AWS::S3::Bucket", new Kind("BucketName", RefReturns.NAME, "arn:{partition}:s3:::{name}")),
      Map.entry("AWS::KMS::Key", new Kind("KeyId", RefReturns.NAME,
          "arn:{partition}:kms:{region}:{account}:key/{name}")),
      Map.entry("AWS::KMS::Alias", new Kind("AliasName", RefReturns.NAME,
          "arn:{partition}:kms:{region}:{account}:{name}")),
      Map.entry("AWS::StepFunctions::StateMachine", new Kind("StateMachineName", RefReturns.ARN,
          "arn:{partition}:states:{region}:{account}:stateMachine:{name}")),
      Map.entry("AWS::Serverless::StateMachine", new Kind("Name", RefReturns.ARN,
          "arn:{partition}:states:{region}:{account}:stateMachine:{name}")),
      Map.entry("AWS::SecretsManager::Secret", new Kind("Name", RefReturns.ARN,
          "arn:{partition}:secretsmanager:{region}:{account}:secret:{name}")),
      Map.entry("AWS::SecurityHub::ActionTarget", new Kind("Id", RefReturns.ARN,
          "arn:{partition}:securityhub:{region}:{account}:action/custom/{name}")));

  private final Map<String, Object> document;
  private final Map<String, Object> resources;
  private final TemplateOptions options;
  private final UnaryOperator<Object> resolve;
  private final Deque<String> naming = new ArrayDeque<>();

  ResourceIdentity(Map<String, Object> document, TemplateOptions options, UnaryOperator<Object> resolve) {
    this.document = document;
    this.resources = TemplateValues.asMap(document.get("Resources"));
    this.options = options;
    this.resolve = resolve;
  }

  /** True for a resource's logical id, and for SAM's {@code Function.Alias} / {@code Function.Version}. */
  boolean knows(String reference) {
    return resources.containsKey(reference) || aliasTarget(reference) != null;
  }

  Object ref(String reference) {
    String function = aliasTarget(reference);
    if (function != null) {
      String arn = arn(function);
      return reference.endsWith(".Version") ? arn + ":1" : arn + ":" + aliasName(function);
    }
    String type = type(reference);
    Kind kind = KINDS.get(type);
    RefReturns returns = kind == null ? RefReturns.NAME : kind.ref();
    String bus = ruleBus(reference);
    if (bus != null) {
      // A rule on a bus other than the default one: Ref gives "<bus>|<rule>".
      return bus + "|" + physicalName(reference);
    }
    return switch (returns) {
      case NAME -> physicalName(reference);
      case ARN -> arn(reference);
      case URL -> "https://sqs." + options.region() + ".amazonaws.com/" + options.accountId() + "/"
          + physicalName(reference);
    };
  }

  /** The attribute's value where it follows from the template; otherwise the placeholder {@code Resource.Attr}. */
  Object getAtt(String logicalId, String attribute) {
    if (!resources.containsKey(logicalId) && implicitRoleOf(logicalId) != null && attribute.equals("Arn")) {
      // The role SAM creates for a function without a Role of its own; unnamed, so its logical id stands for its name,
      // under the function's RolePath.
      return "arn:" + options.partition() + ":iam::" + options.accountId() + ":role" + rolePath(implicitRoleOf(logicalId))
          + logicalId;
    }
    if (!resources.containsKey(logicalId) && logicalId.endsWith("Url") && attribute.equals("FunctionUrl")
        && hasFunctionUrl(logicalId.substring(0, logicalId.length() - "Url".length()))) {
      // The URL SAM creates for a function's FunctionUrlConfig; Lambda's host name is random, the function's stands in.
      return "https://" + logicalId.substring(0, logicalId.length() - "Url".length()).toLowerCase(java.util.Locale.ROOT)
          + ".lambda-url." + options.region() + ".on.aws/";
    }
    if (!resources.containsKey(logicalId)) {
      throw new IllegalStateException("Fn::GetAtt on unknown resource " + logicalId);
    }
    String type = type(logicalId);
    if (KINDS.containsKey(type) && (attribute.equals("Arn") || attribute.equals(shortName(type) + "Arn"))) {
      return arn(logicalId);
    }
    if (attribute.equals("Name") || attribute.equals(shortName(type) + "Name")) {
      return physicalName(logicalId);
    }
    if (type.equals("AWS::SQS::Queue") && attribute.equals("QueueUrl")) {
      return ref(logicalId);
    }
    return logicalId + "." + attribute;
  }

  String physicalName(String logicalId) {
    String type = type(logicalId);
    Kind kind = KINDS.get(type);
    Map<String, Object> properties =
        TemplateValues.asMap(TemplateValues.asMap(resources.get(logicalId)).get("Properties"));
    Object named = kind != null ? properties.get(kind.nameProperty())
        : properties.getOrDefault(shortName(type) + "Name", properties.get("Name"));
    if (named == null) {
      return logicalId;
    }
    if (naming.contains(logicalId)) {
      throw new IllegalStateException("the name of " + logicalId + " refers to itself: " + naming);
    }
    naming.push(logicalId);
    try {
      return resolve.apply(named) instanceof String name ? name : logicalId;
    } finally {
      naming.pop();
    }
  }

  /** The bus an AWS::Events::Rule is on when it names one other than the default bus, else null. */
  private String ruleBus(String logicalId) {
    if (!"AWS::Events::Rule".equals(type(logicalId))) {
      return null;
    }
    Object bus = TemplateValues.asMap(TemplateValues.asMap(resources.get(logicalId)).get("Properties"))
        .get("EventBusName");
    Object resolved = bus == null ? null : resolve.apply(bus);
    return resolved instanceof String name && !name.equals("default") ? name : null;
  }

  private String arn(String logicalId) {
    Kind kind = KINDS.get(type(logicalId));
    if (kind == null) {
      return logicalId + ".Arn";
    }
    String bus = ruleBus(logicalId);
    String name = bus == null ? physicalName(logicalId) : bus + "/" + physicalName(logicalId);
    return kind.arn()
        .replace("{partition}", options.partition())
        .replace("{region}", options.region())
        .replace("{account}", options.accountId())
        .replace("{name}", name);
  }

  /** A SAM function's RolePath as deployed, "/" without one. */
  private String rolePath(String function) {
    Object path = TemplateValues.asMap(TemplateValues.asMap(resources.get(function)).get("Properties")).get("RolePath");
    return path == null ? "/" : String.valueOf(resolve.apply(path));
  }

  private boolean hasFunctionUrl(String function) {
    return "AWS::Serverless::Function".equals(type(function))
        && TemplateValues.asMap(TemplateValues.asMap(resources.get(function)).get("Properties"))
            .containsKey("FunctionUrlConfig");
  }

  /** The function whose SAM-generated role {@code <Function>Role} is, or null when it is no such role. */
  private String implicitRoleOf(String logicalId) {
    if (!logicalId.endsWith("Role")) {
      return null;
    }
    String function = logicalId.substring(0, logicalId.length() - "Role".length());
    boolean samFunction = "AWS::Serverless::Function".equals(type(function));
    return samFunction && !TemplateValues.asMap(TemplateValues.asMap(resources.get(function)).get("Properties"))
        .containsKey("Role") ? function : null;
  }

  private String aliasTarget(String reference) {
    int dot = reference.lastIndexOf('.');
    if (dot <= 0 || !(reference.endsWith(".Alias") || reference.endsWith(".Version"))) {
      return null;
    }
    String function = reference.substring(0, dot);
    return "AWS::Serverless::Function".equals(type(function)) && aliasName(function) != null ? function : null;
  }

  private String aliasName(String function) {
    Object alias = SamGlobals.functionProperties(document, TemplateValues.asMap(resources.get(function)))
        .get("AutoPublishAlias");
    return alias == null ? null : String.valueOf(resolve.apply(alias));
  }

  private String type(String logicalId) {
    return String.valueOf(TemplateValues.asMap(resources.get(logicalId)).get("Type"));
  }

  /** AWS::IAM::InstanceProfile -> InstanceProfile. */
  private static String shortName(String type) {
    return type.substring(type.lastIndexOf(':') + 1);
  }
}
