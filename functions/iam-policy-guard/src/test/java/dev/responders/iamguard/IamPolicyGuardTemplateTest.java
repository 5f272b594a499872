package dev.responders.iamguard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.responders.tools.RepositoryRoot;
import dev.responders.tools.template.Template;
import dev.responders.tools.template.TemplateOptions;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What template.yaml gives the guard's three functions and its workflow, resolved as deployed in account
 * 123456789012: least privilege (no wildcard actions, IAM policy ARNs of the account only) and a workflow whose
 * approval task waits for its token, times out into a denial, and calls only steps the decision function has.
 */
class IamPolicyGuardTemplateTest {

  private static final Template TEMPLATE = Template.load(RepositoryRoot.find().resolve("template.yaml"),
      TemplateOptions.defaults());

  private static List<Map<String, Object>> statements(String function) {
    List<?> policies = (List<?>) TEMPLATE.resolvedResourceProperties(function).get("Policies");
    return policies.stream().flatMap(p -> ((List<?>) asMap(asMap(p).getOrDefault("PolicyDocument", p))
        .get("Statement")).stream()).map(IamPolicyGuardTemplateTest::asMap).toList();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"IamPolicyGuardFunction", "IamPolicyDecisionFunction", "IamPolicyApprovalFunction"})
  void noWildcardActionAndEveryResourceIsOfThisAccount(String function) {
    for (Map<String, Object> statement : statements(function)) {
      assertThat(strings(statement.get("Action"))).noneMatch(a -> a.contains("*"));
      assertThat(strings(statement.get("Resource"))).allSatisfy(r -> assertThat(r)
          .matches("arn:aws:(iam::123456789012:policy/\\*"
              + "|ssm:us-east-1:123456789012:parameter/responders/iam-policy-guard/(versions|approvals)/\\*"
              + "|states:us-east-1:123456789012:stateMachine:aws-event-responders-iam-policy-approval"
              + "|sns:us-east-1:123456789012:ResponderNotificationsTopic)"));
    }
  }

  @Test
  void onlyTheGuardHoldsAndOnlyTheDecisionStepsRestoreOrDiscard() {
    assertThat(actions("IamPolicyGuardFunction")).containsExactlyInAnyOrder("iam:GetPolicy", "iam:GetPolicyVersion",
        "iam:ListPolicyVersions", "iam:CreatePolicyVersion", "iam:DeletePolicyVersion", "ssm:PutParameter",
        "states:StartExecution", "sns:Publish");
    assertThat(actions("IamPolicyDecisionFunction")).containsExactlyInAnyOrder("iam:GetPolicy",
        "iam:GetPolicyVersion", "iam:SetDefaultPolicyVersion", "iam:DeletePolicyVersion", "ssm:GetParameter",
        "ssm:PutParameter", "sns:Publish");
    assertThat(actions("IamPolicyApprovalFunction")).as("the internet-facing function touches no IAM policy")
        .containsExactlyInAnyOrder("ssm:GetParameter", "ssm:PutParameter", "states:SendTaskSuccess",
            "states:SendTaskFailure");
  }

  @Test
  void theGuardIgnoresTheSuitesOwnRolesAndStartsTheDeployedWorkflow() {
    Map<String, String> environment = TEMPLATE.function("IamPolicyGuardFunction").environment();
    GuardConfig config = GuardConfig.fromEnvironment(Map.of(
        "RESTRICTED_ACTIONS", environment.get("RESTRICTED_ACTIONS"),
        "GUARD_ROLE_ARNS", environment.get("GUARD_ROLE_ARNS"),
        "APPROVAL_STATE_MACHINE_ARN", environment.get("APPROVAL_STATE_MACHINE_ARN"),
        "APPROVAL_TIMEOUT_HOURS", environment.get("APPROVAL_TIMEOUT_HOURS"),
        "GUARD_RECORD_PREFIX", environment.get("GUARD_RECORD_PREFIX"),
        "RESPONDERS_ACCOUNT_ID", "123456789012", "AWS_REGION", "us-east-1"));
    // Under the guard's own path: templates/member.yaml lets only roles there take the guard's session names.
    assertThat(config.guardRoleArns()).containsExactlyInAnyOrder(
        "arn:aws:iam::123456789012:role/aws-event-responders/acting/iam-policy-guard/IamPolicyGuardFunctionRole",
        "arn:aws:iam::123456789012:role/aws-event-responders/acting/iam-policy-guard/IamPolicyDecisionFunctionRole");
    assertThat(config.stateMachineArn()).isEqualTo(
        TEMPLATE.resolvedResourceProperties("IamPolicyApprovalStateMachine").get("StateMachineName") == null ? null
            : "arn:aws:states:us-east-1:123456789012:stateMachine:"
                + TEMPLATE.resolvedResourceProperties("IamPolicyApprovalStateMachine").get("StateMachineName"));
    assertThat(config.approvalTimeoutSeconds()).isEqualTo(24 * 3600);
    assertThat(config.restricted().patterns()).extracting(ActionPattern::text).containsExactly("s3:deletebucket",
        "s3:deleteobjectversion", "iam:createaccesskey", "iam:passrole", "organizations:*", "kms:schedulekeydeletion");
  }

  @Test
  void theApprovalTaskWaitsForItsTokenAndTimesOutIntoADenial() {
    Map<String, Object> states = states();
    Map<String, Object> request = asMap(states.get("RequestApproval"));
    assertThat(request.get("Resource")).isEqualTo("arn:aws:states:::lambda:invoke.waitForTaskToken");
    assertThat(request.get("TimeoutSecondsPath")).isEqualTo("$.timeout_seconds");
    assertThat(asMap(asMap(request.get("Parameters")).get("Payload"))).containsEntry("task_token.$", "$$.Task.Token")
        .containsEntry("action", "request-approval");
    List<Map<String, Object>> catches = ((List<?>) request.get("Catch")).stream()
        .map(IamPolicyGuardTemplateTest::asMap).toList();
    assertThat(catches.get(0)).containsEntry("ErrorEquals", List.of("States.Timeout")).containsEntry("Next", "TimeOut");
    assertThat(catches.get(1)).containsEntry("ErrorEquals", List.of("States.ALL")).containsEntry("Next", "Deny");
    assertThat(request.get("Next")).isEqualTo("Approve");
  }

  @Test
  void everyTransitionLeadsToAStateAndEveryStepIsOneTheDecisionFunctionHas() {
    Map<String, Object> states = states();
    Set<String> targets = new HashSet<>();
    Set<String> actions = new HashSet<>();
    for (Object state : states.values()) {
      Map<String, Object> s = asMap(state);
      if (s.get("Next") != null) {
        targets.add((String) s.get("Next"));
      }
      if (s.get("Catch") instanceof List<?> catches) {
        catches.forEach(c -> targets.add((String) asMap(c).get("Next")));
      }
      actions.add((String) asMap(asMap(s.get("Parameters")).get("Payload")).get("action"));
      assertThat(asMap(s.get("Parameters")).get("FunctionName")).isEqualTo("${DecisionFunction}");
    }
    assertThat(states.keySet()).containsAll(targets);
    assertThat(actions).containsExactlyInAnyOrder("request-approval", "approve", "deny", "time-out");
    assertThat(asMap(TEMPLATE.resolvedResourceProperties("IamPolicyApprovalStateMachine")
        .get("DefinitionSubstitutions")).get("DecisionFunction"))
        .isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:IamPolicyDecisionFunction:live");
    assertThat(TEMPLATE.resolvedResourceProperties("IamPolicyApprovalStateMachine").get("StateMachineType"))
        .isEqualTo("STANDARD");
  }

  private static Map<String, Object> states() {
    return asMap(asMap(TEMPLATE.resourceProperties("IamPolicyApprovalStateMachine").get("Definition")).get("States"));
  }

  private static List<String> actions(String function) {
    return statements(function).stream().flatMap(s -> strings(s.get("Action")).stream()).distinct().toList();
  }

  private static List<String> strings(Object value) {
    return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(value));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
  }
}
