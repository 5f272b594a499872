package dev.responders.bluegreen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.responders.tools.RepositoryRoot;
import dev.responders.tools.template.TemplateReader;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What template.yaml deploys for the flip: the marker parameter, and a policy that reaches that parameter only. */
class BlueGreenTemplateTest {

  private static final Map<String, Object> TEMPLATE = TemplateReader.read(RepositoryRoot.find().resolve("template.yaml"));

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  private static Map<String, Object> resource(String logicalId) {
    return map(map(TEMPLATE.get("Resources")).get(logicalId));
  }

  @Test
  void theTemplateCreatesTheMarkerWithTheValueNullUnderTheParametersName() {
    Map<String, Object> parameter = resource("BlueGreenParameter");
    Map<String, Object> properties = map(parameter.get("Properties"));

    assertThat(parameter.get("Type")).isEqualTo("AWS::SSM::Parameter");
    assertThat(properties).containsEntry("Name", Map.of("Ref", "BlueGreenParameterName"))
        .containsEntry("Type", "String")
        .containsEntry("Value", "null")
        .containsEntry("AllowedPattern", "^(null|blue|green)$");
    assertThat(map(map(TEMPLATE.get("Parameters")).get("BlueGreenParameterName"))).containsEntry("Default",
        "/bluegreen/live");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theFunctionMayReadAndWriteThatParameterOnlyAndReportJobs() {
    Map<String, Object> properties = map(resource("BlueGreenFlipFunction").get("Properties"));
    List<Object> policies = (List<Object>) properties.get("Policies");
    assertThat(policies).hasSize(1);
    List<Map<String, Object>> statements = (List<Map<String, Object>>) map(policies.get(0)).get("Statement");

    assertThat(statements).extracting(s -> s.get("Sid"))
        .containsExactly("ReadAndSetTheLiveColour", "ReadAndReportPipelineJobs", "NotifyResponders");
    Map<String, Object> ssm = statements.get(0);
    assertThat(ssm.get("Action")).isEqualTo(List.of("ssm:GetParameterHistory", "ssm:PutParameter"));
    assertThat(ssm.get("Resource")).isEqualTo(Map.of("Fn::Sub",
        "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter${BlueGreenParameterName}"));
    Map<String, Object> jobs = statements.get(1);
    assertThat(jobs.get("Action")).isEqualTo(List.of("codepipeline:GetJobDetails", "codepipeline:PutJobSuccessResult",
        "codepipeline:PutJobFailureResult"));
    assertThat(jobs.get("Resource")).as("job results have no resource-level permissions").isEqualTo("*");
    assertThat(statements).allSatisfy(s -> assertThat(String.valueOf(s.get("Action"))).doesNotContain("*"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void failedFlipsCannotBeMadeToVanish() {
    assertThat(resource("BlueGreenFlipFailureQueue")).containsEntry("DeletionPolicy", "Retain");
    List<Object> statements = (List<Object>) map(map(resource("BlueGreenFlipFailureQueuePolicy").get("Properties"))
        .get("PolicyDocument")).get("Statement");
    Map<String, Object> deny = statements.stream().map(BlueGreenTemplateTest::map)
        .filter(s -> "Deny".equals(s.get("Effect"))).findFirst().orElseThrow();

    assertThat(deny).containsEntry("Principal", "*");
    assertThat((List<String>) deny.get("Action")).contains("sqs:PurgeQueue", "sqs:ReceiveMessage", "sqs:DeleteMessage");
    assertThat(map(map(deny.get("Condition")).get("ArnNotLike"))).containsKey("aws:PrincipalArn");
  }

  @ParameterizedTest(name = "{0} = ''{1}'' allowed: {2}")
  @CsvSource({
      "BlueGreenParameterName, /bluegreen/live, true",
      "BlueGreenParameterName, /bluegreen/myapp/live, true",
      "BlueGreenParameterName, bluegreen/live, false",
      "BlueGreenParameterName, '/blue green/live', false",
      "BlueGreenCodeDeployApplication, '', true",
      "BlueGreenCodeDeployApplication, bluegreen-app, true",
      "BlueGreenCodeDeployApplication, 'app\"]}', false",
      "BlueGreenCodeDeployDeploymentGroup, 'fleet ', false"})
  void deployParametersThatWouldBreakThePolicyOrTheRuleAreRefused(String parameter, String value, boolean allowed) {
    String pattern = (String) map(map(TEMPLATE.get("Parameters")).get(parameter)).get("AllowedPattern");

    assertThat(Pattern.compile(pattern).matcher(value).matches()).isEqualTo(allowed);
  }

  @Test
  void oneFlipRunsAtATimeUnlessTheReservationIsTurnedOff() {
    Map<String, Object> properties = map(resource("BlueGreenFlipFunction").get("Properties"));

    assertThat(properties.get("ReservedConcurrentExecutions")).isEqualTo(Map.of("Fn::If", List.of(
        "ReservesBlueGreenConcurrency", Map.of("Ref", "BlueGreenFlipReservedConcurrency"), Map.of("Ref", "AWS::NoValue"))));
    assertThat(map(map(TEMPLATE.get("Parameters")).get("BlueGreenFlipReservedConcurrency"))).containsEntry("Default", 1);
  }

  @Test
  void failuresGoToTheFunctionsOwnQueueAndItsLogIsKeptAYear() {
    Map<String, Object> properties = map(resource("BlueGreenFlipFunction").get("Properties"));
    Map<String, Object> invoke = map(properties.get("EventInvokeConfig"));

    assertThat(invoke).containsEntry("MaximumRetryAttempts", 2);
    assertThat(map(map(invoke.get("DestinationConfig")).get("OnFailure")))
        .containsEntry("Destination", Map.of("Fn::GetAtt", List.of("BlueGreenFlipFailureQueue", "Arn")));
    assertThat(map(resource("BlueGreenFlipLogGroup").get("Properties"))).containsEntry("RetentionInDays", 365);
    assertThat(map(properties.get("LoggingConfig"))).containsEntry("LogGroup", Map.of("Ref", "BlueGreenFlipLogGroup"));
  }
}
