package dev.responders.tools.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.responders.tools.RepositoryRoot;
import dev.responders.tools.template.Template;
import dev.responders.tools.template.TemplateOptions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every function of template.yaml, whoever added it, pages the responders through the suite's topic: when it
 * fails, when a failed event waits in one of its failure queues, and when a rule could not invoke it. Read from
 * the template as written, so a function added without its alarms fails here.
 */
class SuiteAlarmsTest {

  private static final Template TEMPLATE = Template.load(RepositoryRoot.find().resolve("template.yaml"),
      TemplateOptions.defaults());
  private static final Map<String, Object> TOPIC = Map.of("Ref", "ResponderNotificationsTopic");
  private static final String ALARMS_CONDITION = "CreatesAlarms";
  /** Both deployment modes, with every optional rule turned on. */
  private static final Map<String, String> EVERY_RULE = Map.of(
      "AutoRemediateControls", "IAM.7",
      "BlueGreenCodeDeployApplication", "web", "BlueGreenCodeDeployDeploymentGroup", "web-prod",
      "ZendeskEventBusName", "aws.partner/zendesk.com/123/default");
  private static final List<Template> EVERY_RULE_DEPLOYED = List.of(
      Template.load(RepositoryRoot.find().resolve("template.yaml"), TemplateOptions.defaults().withParameters(EVERY_RULE)),
      Template.load(RepositoryRoot.find().resolve("template.yaml"), TemplateOptions.defaults().withParameters(EVERY_RULE)
          .withParameters(Map.of("DeploymentMode", "organization", "OrganizationId", "o-a1b2c3d4e5"))));

  /** Every function, deployed by default or not. */
  static Stream<String> functions() {
    return Stream.concat(TEMPLATE.resourcesOfType("AWS::Serverless::Function").stream(),
        TEMPLATE.resourcesOfType("AWS::Lambda::Function").stream());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("functions")
  void everyFunctionPagesOnAnyError(String function) {
    assertThat(alarms("AWS/Lambda", "Errors", Map.of("FunctionName", Map.of("Ref", function))))
        .as("alarms on the Errors of " + function).singleElement()
        .satisfies(alarm -> assertPagesOnFirstOccurrence(alarm, "Sum"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("functions")
  void everyFailureQueueOfAFunctionPagesWhileAnEventWaits(String function) {
    for (String queue : failureQueues(function)) {
      assertThat(alarms("AWS/SQS", "ApproximateNumberOfMessagesVisible",
          Map.of("QueueName", Map.of("Fn::GetAtt", List.of(queue, "QueueName")))))
          .as("alarms on " + queue + " of " + function).singleElement()
          .satisfies(alarm -> assertPagesOnFirstOccurrence(alarm, "Maximum"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("functions")
  void everyRuleInvokingAFunctionPagesWhenItCannot(String function) {
    for (String rule : rulesInvoking(function)) {
      List<String> alarms = TEMPLATE.resourcesOfType("AWS::CloudWatch::Alarm").stream()
          .filter(alarm -> "AWS/Events".equals(properties(alarm).get("Namespace"))
              && "FailedInvocations".equals(properties(alarm).get("MetricName"))
              && refersTo(dimension(alarm, "RuleName"), rule))
          .toList();
      assertThat(alarms).as("FailedInvocations alarms of " + rule).singleElement().satisfies(alarm -> {
        assertPagesOnFirstOccurrence(alarm, "Sum");
        Object ruleCondition = TEMPLATE.resourceAttribute(rule, "Condition");
        if (ruleCondition != null) {
          // The alarm of a conditional rule exists only with the rule; else its dimension would not resolve.
          assertThat(conditionsOf(alarm)).as(alarm + " conditions").contains(String.valueOf(ruleCondition));
        }
        assertNamesTheRulesBusInEveryMode(rule, alarm);
      });
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("functions")
  void aFunctionTriggeredByARuleOrAQueueHasThemFound(String function) {
    // Guards the two readers above: a function with a failure destination has its queue found.
    Object onFailure = asMap(asMap(asMap(properties(function).get("EventInvokeConfig")).get("DestinationConfig"))
        .get("OnFailure")).get("Destination");
    if (onFailure != null) {
      assertThat(failureQueues(function)).isNotEmpty();
    }
  }

  @Test
  void theFunctionsWithRulesAndQueuesAreTheOnesExpected() {
    assertThat(rulesInvoking("TagIsolationFunction")).contains("TagIsolationRule");
    assertThat(failureQueues("TagIsolationFunction")).containsExactly("TagIsolationFailureQueue");
    assertThat(rulesInvoking("SecurityHubPlaybooksFunction"))
        .contains("SecurityHubRemediateRule", "SecurityHubAutoRemediateRule");
  }

  @Test
  void alarmsCanBeTurnedOffByOneParameter() {
    assertThat(TEMPLATE.parameterDefinition("AlarmsEnabled")).containsEntry("Default", "true");
    assertThat(TEMPLATE.conditionDefinition(ALARMS_CONDITION))
        .isEqualTo(Map.of("Fn::Equals", List.of(Map.of("Ref", "AlarmsEnabled"), "true")));
    for (String alarm : TEMPLATE.resourcesOfType("AWS::CloudWatch::Alarm")) {
      assertThat(conditionsOf(alarm)).as(alarm + " conditions").contains(ALARMS_CONDITION);
    }
  }

  @Test
  void theStacksAlarmsMayPublishToTheTopicUnderAKeyTheyMayUse() {
    Map<String, Object> topic = TEMPLATE.resourceProperties("ResponderNotificationsTopic");
    // CloudWatch cannot publish to a topic under alias/aws/sns, whose key policy cannot be changed.
    assertThat(topic.get("KmsMasterKeyId")).isEqualTo(Map.of("Ref", "ResponderNotificationsKey"));
    Map<String, Object> keyStatement = statement("ResponderNotificationsKey", "KeyPolicy", "AlarmsOfThisAccountPublish");
    assertThat(asMap(keyStatement.get("Principal"))).containsEntry("Service", "cloudwatch.amazonaws.com");
    assertThat(list(keyStatement.get("Action"))).containsExactlyInAnyOrder("kms:GenerateDataKey", "kms:Decrypt");

    Map<String, Object> allow = statement("ResponderNotificationsTopicPolicy", "PolicyDocument", "StackAlarmsPublish");
    assertThat(allow).containsEntry("Effect", "Allow").containsEntry("Action", "sns:Publish");
    assertThat(asMap(allow.get("Principal"))).containsEntry("Service", "cloudwatch.amazonaws.com");
    assertThat(asMap(asMap(allow.get("Condition")).get("ArnLike")).get("aws:SourceArn")).isEqualTo(Map.of("Fn::Sub",
        "arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:${AWS::StackName}-*"));
  }

  /**
   * A rule on a bus other than the default one publishes FailedInvocations with the bus's name as a dimension too:
   * in each mode the alarm has that dimension exactly when its rule has a bus, with the same value.
   */
  private static void assertNamesTheRulesBusInEveryMode(String rule, String alarm) {
    for (Template deploy : EVERY_RULE_DEPLOYED) {
      assertThat(deploy.deploys(alarm)).as(alarm + " deployed with its rule").isEqualTo(deploy.deploys(rule));
      if (!deploy.deploys(alarm)) {
        continue;
      }
      String mode = " (" + deploy.parameters().get("DeploymentMode") + ")";
      assertThat(resolvedDimension(deploy, alarm, "EventBusName")).as(alarm + " EventBusName dimension" + mode)
          .isEqualTo(deploy.resolvedResourceProperties(rule).get("EventBusName"));
      // The rule's name alone, whatever bus it is on (Ref of a rule on another bus gives "<bus>|<rule>").
      assertThat(resolvedDimension(deploy, alarm, "RuleName")).as(alarm + " RuleName dimension" + mode)
          .isEqualTo(deploy.attribute(rule, "Name"));
    }
  }

  private static Object resolvedDimension(Template deploy, String alarm, String name) {
    return list(deploy.resolvedResourceProperties(alarm).get("Dimensions")).stream()
        .map(SuiteAlarmsTest::asMap).filter(d -> name.equals(d.get("Name"))).map(d -> d.get("Value"))
        .findFirst().orElse(null);
  }

  private static void assertPagesOnFirstOccurrence(String alarm, String statistic) {
    Map<String, Object> properties = properties(alarm);
    assertThat(properties).as(alarm)
        .containsEntry("Statistic", statistic)
        .containsEntry("Period", 300)
        .containsEntry("EvaluationPeriods", 1)
        .containsEntry("Threshold", 0)
        .containsEntry("ComparisonOperator", "GreaterThanThreshold")
        .containsEntry("TreatMissingData", "notBreaching");
    assertThat(list(properties.get("AlarmActions"))).as(alarm + " actions").containsExactly(TOPIC);
    assertThat(conditionsOf(alarm)).as(alarm + " conditions").contains(ALARMS_CONDITION);
  }

  private static List<String> alarms(String namespace, String metric, Map<String, Object> dimensions) {
    return TEMPLATE.resourcesOfType("AWS::CloudWatch::Alarm").stream()
        .filter(alarm -> namespace.equals(properties(alarm).get("Namespace"))
            && metric.equals(properties(alarm).get("MetricName"))
            && dimensions.entrySet().stream().allMatch(d -> d.getValue().equals(dimension(alarm, d.getKey()))))
        .toList();
  }

  /** The rules (template order) with a target on the function, its alias or a version. */
  private static List<String> rulesInvoking(String function) {
    return TEMPLATE.resourcesOfType("AWS::Events::Rule").stream()
        .filter(rule -> list(properties(rule).get("Targets")).stream()
            .anyMatch(target -> refersTo(asMap(target).get("Arn"), function)))
        .toList();
  }

  /** The function's on-failure destination and the dead-letter queues of the rules invoking it. */
  private static Set<String> failureQueues(String function) {
    List<Object> arns = new ArrayList<>();
    arns.add(asMap(asMap(asMap(properties(function).get("EventInvokeConfig")).get("DestinationConfig"))
        .get("OnFailure")).get("Destination"));
    for (String rule : rulesInvoking(function)) {
      list(properties(rule).get("Targets")).stream().filter(target -> refersTo(asMap(target).get("Arn"), function))
          .forEach(target -> arns.add(asMap(asMap(target).get("DeadLetterConfig")).get("Arn")));
    }
    Set<String> queues = new LinkedHashSet<>();
    arns.stream().filter(Objects::nonNull).map(arn -> list(asMap(arn).get("Fn::GetAtt")))
        .filter(attribute -> attribute.size() == 2 && "Arn".equals(attribute.get(1)))
        .map(attribute -> String.valueOf(attribute.get(0)))
        .filter(queue -> TEMPLATE.resourcesOfType("AWS::SQS::Queue").contains(queue))
        .forEach(queues::add);
    return queues;
  }

  /** The alarm's own condition and every condition it is built from. */
  private static Set<String> conditionsOf(String alarm) {
    Set<String> names = new LinkedHashSet<>();
    Object condition = TEMPLATE.resourceAttribute(alarm, "Condition");
    if (condition != null) {
      collectConditions(String.valueOf(condition), names);
    }
    return names;
  }

  private static void collectConditions(String name, Set<String> names) {
    if (names.add(name)) {
      collectReferencedConditions(TEMPLATE.conditionDefinition(name), names);
    }
  }

  private static void collectReferencedConditions(Object value, Set<String> names) {
    if (value instanceof Map<?, ?> map) {
      map.forEach((key, inner) -> {
        if ("Condition".equals(key) && inner instanceof String condition) {
          collectConditions(condition, names);
        } else {
          collectReferencedConditions(inner, names);
        }
      });
    } else if (value instanceof List<?> items) {
      items.forEach(item -> collectReferencedConditions(item, names));
    }
  }

  /** Whether an intrinsic (Ref, GetAtt, or nested in Select/Split) names {@code logicalId} or its alias. */
  private static boolean refersTo(Object value, String logicalId) {
    if (value instanceof Map<?, ?> map) {
      Object ref = map.get("Ref");
      if (ref instanceof String name && (name.equals(logicalId) || name.startsWith(logicalId + "."))) {
        return true;
      }
      List<Object> attribute = list(map.get("Fn::GetAtt"));
      if (!attribute.isEmpty() && logicalId.equals(attribute.get(0))) {
        return true;
      }
      return map.values().stream().anyMatch(inner -> refersTo(inner, logicalId));
    }
    return value instanceof List<?> items && items.stream().anyMatch(item -> refersTo(item, logicalId));
  }

  private static Object dimension(String alarm, String name) {
    return list(properties(alarm).get("Dimensions")).stream().map(SuiteAlarmsTest::asMap)
        .filter(dimension -> name.equals(dimension.get("Name"))).map(dimension -> dimension.get("Value"))
        .findFirst().orElse(null);
  }

  private static Map<String, Object> statement(String resource, String documentProperty, String sid) {
    return list(asMap(TEMPLATE.resourceProperties(resource).get(documentProperty)).get("Statement")).stream()
        .map(SuiteAlarmsTest::asMap).filter(s -> sid.equals(s.get("Sid"))).findFirst()
        .orElseThrow(() -> new AssertionError(resource + " has no statement " + sid));
  }

  private static Map<String, Object> properties(String logicalId) {
    return TEMPLATE.resourceProperties(logicalId);
  }

  private static List<Object> list(Object value) {
    return value instanceof List<?> items ? List.copyOf(items) : value == null ? List.of() : List.of(value);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
  }
}
