package dev.responders.securityhub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.responders.tools.RepositoryRoot;
import dev.responders.tools.template.Template;
import dev.responders.tools.template.TemplateOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * templates/member-role.yaml: the member role may do exactly what the function's playbooks do in its own account (no
 * more, no less), and only the function's role may assume it.
 */
class MemberRoleTemplateTest {

  private static final Path ROOT = RepositoryRoot.find();
  private static final String FUNCTION_ROLE = "arn:aws:iam::123456789012:role/stack-SecurityHubPlaybooksFunctionRole-X";
  /** What the function does for itself only: finding updates, notifications, the Jira secret, assuming members. */
  private static final Set<String> OWN_ACCOUNT_ONLY = Set.of("securityhub:BatchUpdateFindings", "sns:Publish",
      "secretsmanager:GetSecretValue", "sts:AssumeRole");

  @Test
  void theMemberRoleGrantsExactlyWhatThePlaybooksDoInTheFunctionsOwnAccount() {
    Template main = Template.load(ROOT.resolve("template.yaml"), TemplateOptions.defaults().withParameters(Map.of(
        "CloudTrailLogsRoleArn", "arn:aws:iam::123456789012:role/trail-logs",
        "VpcFlowLogsRoleArn", "arn:aws:iam::123456789012:role/responders-vpc-flow-logs")));
    Template member = member();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> functionPolicies = (List<Map<String, Object>>) main
        .resolvedResourceProperties("SecurityHubPlaybooksFunction").get("Policies");
    Set<String> functionActions = actions(functionPolicies.get(0));
    functionActions.removeAll(OWN_ACCOUNT_ONLY);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> memberPolicies = (List<Map<String, Object>>) member.resolvedResourceProperties("RemediationRole")
        .get("Policies");

    assertThat(actions((Map<String, Object>) memberPolicies.get(0).get("PolicyDocument")))
        .isEqualTo(functionActions);
  }

  @Test
  void onlyTheFunctionsRoleMayAssumeIt() {
    Map<String, Object> trust = cast(member().resolvedResourceProperties("RemediationRole").get("AssumeRolePolicyDocument"));
    List<Map<String, Object>> statements = cast(trust.get("Statement"));

    assertThat(statements).singleElement().satisfies(s -> {
      assertThat(s.get("Effect")).isEqualTo("Allow");
      assertThat(s.get("Principal")).isEqualTo(Map.of("AWS", FUNCTION_ROLE));
      assertThat(s.get("Action")).isEqualTo("sts:AssumeRole");
    });
  }

  private static Template member() {
    return Template.load(ROOT.resolve("templates/member-role.yaml"), TemplateOptions.defaults().withParameters(Map.of(
        "PlaybooksFunctionRoleArn", FUNCTION_ROLE, "CloudTrailLogsRoleName", "trail-logs")));
  }

  private static Set<String> actions(Map<String, Object> document) {
    Set<String> actions = new TreeSet<>();
    List<Object> statements = cast(document.get("Statement"));
    for (Object statement : statements) {
      if (!(statement instanceof Map<?, ?> map) || !"Allow".equals(map.get("Effect"))) {
        continue;
      }
      Object action = map.get("Action");
      if (action instanceof String one) {
        actions.add(one);
      } else {
        List<String> many = cast(action);
        actions.addAll(many);
      }
    }
    return actions;
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object value) {
    return (T) value;
  }
}
