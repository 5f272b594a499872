package dev.responders.tools.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.responders.tools.RepositoryRoot;
import dev.responders.tools.template.FunctionDefinition;
import dev.responders.tools.template.Template;
import dev.responders.tools.template.TemplateOptions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every function of the suite's template.yaml must have, whoever added it: a way to tell the responders
 * that the topic lets through, the account scope, a log group kept a year.
 */
class SuiteTemplateTest {

  private static final Template TEMPLATE = Template.load(RepositoryRoot.find().resolve("template.yaml"),
      TemplateOptions.defaults());

  static Stream<String> functions() {
    return TEMPLATE.functions().keySet().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("functions")
  void everyFunctionMayPublishToTheRespondersTopicWhichDeniesEveryoneElse(String function) {
    // SAM's role of the function, or the one its Role property names (a function sharing another's role).
    Object named = TEMPLATE.resourceProperties(function).get("Role");
    Object role = named != null ? named : Map.of("Fn::GetAtt", List.of(function + "Role", "Arn"));
    List<Map<String, Object>> statements = statements(asMap(TEMPLATE.resourceProperties(
        "ResponderNotificationsTopicPolicy").get("PolicyDocument")));
    Map<String, Object> allow = statements.stream().filter(s -> "Allow".equals(s.get("Effect"))).findFirst()
        .orElseThrow();
    Map<String, Object> deny = statements.stream().filter(s -> "Deny".equals(s.get("Effect"))).findFirst()
        .orElseThrow();
    assertThat(list(asMap(allow.get("Principal")).get("AWS"))).as("allowed publishers").contains(role);
    assertThat(list(asMap(asMap(deny.get("Condition")).get("ArnNotEquals")).get("aws:PrincipalArn")))
        .as("publishers the deny spares").contains(role);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("functions")
  void everyFunctionKnowsItsAccountAndTopic(String function) {
    FunctionDefinition definition = TEMPLATE.function(function);
    assertThat(definition.environment()).containsKeys("RESPONDERS_ACCOUNT_ID", "NOTIFICATION_TOPIC_ARN");
  }

  private static List<Map<String, Object>> statements(Map<String, Object> document) {
    return list(document.get("Statement")).stream().map(SuiteTemplateTest::asMap).toList();
  }

  private static List<Object> list(Object value) {
    return value instanceof List<?> items ? List.copyOf(items) : value == null ? List.of() : List.of(value);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
  }
}
