package dev.responders.tools.suite;

import static dev.responders.tools.suite.OrganizationModeTest.ACTING;
import static dev.responders.tools.suite.OrganizationModeTest.ORGANIZATION;
import static dev.responders.tools.suite.OrganizationModeTest.asMap;
import static dev.responders.tools.suite.OrganizationModeTest.list;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.responders.tools.RepositoryRoot;
import dev.responders.tools.template.EventRule;
import dev.responders.tools.template.Template;
import dev.responders.tools.template.TemplateOptions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * templates/member.yaml against template.yaml in organization mode, both read as a deploy would: the members forward
 * exactly what the central rules take, the member role trusts exactly the central acting functions and may do exactly
 * what they do in their own account, and a StackSet over several regions creates each IAM name once per account.
 */
class MemberTemplateTest {

  static final String CENTRAL_ACCOUNT = "111111111111";
  static final String MEMBER_ACCOUNT = "222222222222";
  static final String CENTRAL_BUS_ARN = "arn:aws:events:us-east-1:" + CENTRAL_ACCOUNT + ":event-bus/"
      + OrganizationModeTest.CENTRAL_BUS;
  /** What each central function does only in the central account: tell the responders, read its secret, update
   * findings in the administrator's hub, and the organization mode's own calls. */
  static final Set<String> CENTRAL_ACCOUNT_ONLY = Set.of("sns:Publish", "secretsmanager:GetSecretValue",
      "securityhub:BatchUpdateFindings", "sts:AssumeRole", "organizations:DescribeAccount");
  /** What a function keeps in the central account besides: the IAM policy guard's records and its workflow. */
  static final Map<String, Set<String>> CENTRAL_RECORDS_OF = Map.of(
      "IamPolicyGuardFunction", Set.of("ssm:PutParameter", "states:StartExecution"),
      "IamPolicyDecisionFunction", Set.of("ssm:GetParameter", "ssm:PutParameter"));
  /** Each acting function and its managed policy in the member template. */
  static final Map<String, String> POLICY_OF = Map.of(
      "TagIsolationFunction", "TagIsolationPolicy",
      "TagReleaseFunction", "TagReleasePolicy",
      "AmiParameterUpdaterFunction", "AmiParameterUpdaterPolicy",
      "SecurityHubPlaybooksFunction", "SecurityHubPlaybooksPolicy",
      "GlueSetTypeFixerFunction", "GlueSetTypeFixerPolicy",
      "IamPolicyGuardFunction", "IamPolicyGuardPolicy",
      "IamPolicyDecisionFunction", "IamPolicyDecisionPolicy");

  private static final ObjectMapper JSON = new ObjectMapper();

  static Template member(String region, Map<String, String> parameters) {
    Map<String, String> all = new HashMap<>(Map.of("CentralAccountId", CENTRAL_ACCOUNT,
        "CentralEventBusArn", CENTRAL_BUS_ARN));
    all.putAll(parameters);
    return Template.load(RepositoryRoot.find().resolve("templates/member.yaml"), TemplateOptions.defaults()
        .withRegion(region).withAccountId(MEMBER_ACCOUNT).withParameters(all));
  }

  static Template central(Map<String, String> parameters) {
    Map<String, String> all = new HashMap<>(ORGANIZATION);
    all.putAll(parameters);
    return Template.load(RepositoryRoot.find().resolve("template.yaml"), TemplateOptions.defaults()
        .withRegion("us-east-1").withAccountId(CENTRAL_ACCOUNT).withParameters(all));
  }

  /** Shared parameters, as README tells to pass them to both stacks: the defaults, and each one changed. */
  static Stream<Map<String, String>> sharedParameters() {
    return Stream.of(Map.of(),
        Map.of("IsolationTagKey", "Quarantine", "IsolationTagValue", "yes", "ReleaseTagValue", "no"),
        Map.of("GlueDatabaseNames", "sales,events"),
        Map.of("IsolationRevokeRoleSessions", "true", "AmiParameterName", "/golden/{imageName}"));
  }

  @ParameterizedTest
  @MethodSource("sharedParameters")
  void inUsEast1TheMembersForwardExactlyThePatternsOfTheCentralBusesRules(Map<String, String> shared) {
    assertThat(patterns(member("us-east-1", shared).eventRules()))
        .isEqualTo(patterns(central(shared).eventRules().stream()
            .filter(rule -> rule.eventBusName().equals(OrganizationModeTest.CENTRAL_BUS)).toList()));
  }

  @Test
  void elsewhereTheyForwardAllButIamsEventsWhichArriveInUsEast1Only() {
    Template central = central(Map.of());
    List<EventRule> centralRules = central.eventRules().stream()
        .filter(rule -> rule.eventBusName().equals(OrganizationModeTest.CENTRAL_BUS)).toList();
    List<String> iam = patterns(central.eventRulesFor("IamPolicyGuardFunction"));
    List<String> expected = patterns(centralRules).stream().filter(p -> !iam.contains(p)).sorted().toList();

    assertThat(patterns(member("eu-west-1", Map.of()).eventRules())).isEqualTo(expected).hasSize(5);
  }

  @Test
  void everyForwardingRulePutsOnTheCentralBusThroughARoleThatMayDoNothingElse() {
    Template member = member("us-east-1", Map.of());
    for (EventRule rule : member.eventRules()) {
      List<Object> targets = list(member.resolvedResourceProperties(rule.logicalId()).get("Targets"));
      assertThat(targets).as(rule.logicalId()).singleElement().satisfies(target -> {
        assertThat(asMap(target)).containsEntry("Arn", CENTRAL_BUS_ARN)
            .containsEntry("RoleArn", member.attribute("ForwardingRole", "Arn"));
        assertThat(asMap(asMap(target).get("DeadLetterConfig"))).containsKey("Arn");
      });
    }
    Map<String, Object> role = member.resolvedResourceProperties("ForwardingRole");
    assertThat(list(asMap(role.get("AssumeRolePolicyDocument")).get("Statement"))).singleElement()
        .satisfies(s -> assertThat(asMap(s).get("Principal")).isEqualTo(Map.of("Service", "events.amazonaws.com")));
    assertThat(list(role.get("Policies"))).singleElement().satisfies(policy ->
        assertThat(list(asMap(asMap(policy).get("PolicyDocument")).get("Statement"))).singleElement()
            .isEqualTo(Map.of("Effect", "Allow", "Action", "events:PutEvents", "Resource", CENTRAL_BUS_ARN)));
  }

  @Test
  void theMemberRoleTrustsTheCentralActingFunctionsAndNoOtherRole() {
    List<Map<String, Object>> statements = trustStatements();
    assertThat(statements).hasSize(2).allSatisfy(statement -> assertThat(statement).containsEntry("Effect", "Allow")
        .containsEntry("Action", "sts:AssumeRole")
        .containsEntry("Principal", Map.of("AWS", "arn:aws:iam::" + CENTRAL_ACCOUNT + ":root")));

    Template central = central(Map.of());
    for (String function : central.functions().keySet()) {
      if (central.resourceProperties(function).get("Role") != null) {
        continue;  // runs with another function's role (TagIsolationDriftFunction), checked with that function
      }
      String roleArn = String.valueOf(central.attribute(function + "Role", "Arn"));
      boolean trusted = statements.stream().anyMatch(s -> trusts(s, roleArn, "tag-isolation"));
      assertThat(trusted).as(function + "'s role " + roleArn).isEqualTo(ACTING.contains(function));
    }
  }

  /**
   * The guard does not judge its own calls in a member account: the member role's sessions of its names. Another
   * acting function (or whoever got hold of one's role) must not be able to take such a session name and change
   * policies unjudged: the member role grants every session the guard's policy-version permissions.
   */
  @Test
  void onlyTheGuardsRolesMayTakeTheGuardsSessionNamesOfTheMemberRole() {
    Template central = central(Map.of());
    List<Map<String, Object>> statements = trustStatements();
    for (String function : central.functions().keySet()) {
      if (central.resourceProperties(function).get("Role") != null) {
        continue;
      }
      String roleArn = String.valueOf(central.attribute(function + "Role", "Arn"));
      boolean guards = function.equals("IamPolicyGuardFunction") || function.equals("IamPolicyDecisionFunction");
      for (String session : List.of("iam-policy-guard", "iam-policy-guard-decision")) {
        assertThat(statements.stream().anyMatch(s -> trusts(s, roleArn, session)))
            .as(function + " as session " + session).isEqualTo(guards);
      }
    }
    assertThat(String.valueOf(central.function("IamPolicyGuardFunction").environment().get("GUARD_ROLE_ARNS")))
        .contains(String.valueOf(central.attribute("IamPolicyGuardFunctionRole", "Arn")))
        .contains(String.valueOf(central.attribute("IamPolicyDecisionFunctionRole", "Arn")));
  }

  private static List<Map<String, Object>> trustStatements() {
    Map<String, Object> trust = asMap(member("us-east-1", Map.of()).resolvedResourceProperties("RemediationRole")
        .get("AssumeRolePolicyDocument"));
    return list(trust.get("Statement")).stream().map(OrganizationModeTest::asMap).toList();
  }

  /**
   * Whether a trust statement lets {@code roleArn} assume the role as {@code session}, reading the only condition
   * operators the member template uses (ArnLike on aws:PrincipalArn, StringNotLike on sts:RoleSessionName); any
   * other condition fails the test, so the reading cannot silently be wrong.
   */
  private static boolean trusts(Map<String, Object> statement, String roleArn, String session) {
    Map<String, Object> condition = asMap(statement.get("Condition"));
    assertThat(condition.keySet()).isSubsetOf(Set.of("ArnLike", "StringNotLike"));
    assertThat(asMap(condition.get("ArnLike")).keySet()).containsExactly("aws:PrincipalArn");
    assertThat(asMap(condition.get("StringNotLike")).keySet()).isSubsetOf(Set.of("sts:RoleSessionName"));
    boolean principal = like(String.valueOf(asMap(condition.get("ArnLike")).get("aws:PrincipalArn")), roleArn);
    Object excluded = asMap(condition.get("StringNotLike")).get("sts:RoleSessionName");
    boolean name = excluded == null || list(excluded).stream().noneMatch(p -> like(String.valueOf(p), session));
    return principal && name;
  }

  private static boolean like(String pattern, String value) {
    return Pattern.compile(Pattern.quote(pattern).replace("*", "\\E.*\\Q")).matcher(value).matches();
  }

  static Stream<String> acting() {
    return ACTING.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("acting")
  void theMemberRoleMayDoExactlyWhatTheFunctionDoesInItsOwnAccount(String function) {
    // Every optional permission turned on in both templates.
    Template central = central(Map.of("IsolationRevokeRoleSessions", "true",
        "CloudTrailLogsRoleArn", "arn:aws:iam::" + CENTRAL_ACCOUNT + ":role/trail-logs",
        "VpcFlowLogsRoleArn", "arn:aws:iam::" + CENTRAL_ACCOUNT + ":role/responders-vpc-flow-logs"));
    Template member = member("us-east-1", Map.of("IsolationRevokeRoleSessions", "true",
        "CloudTrailLogsRoleName", "trail-logs"));
    Set<String> functionActions = actions(OrganizationModeTest.statements(central, function));
    functionActions.removeAll(CENTRAL_ACCOUNT_ONLY);
    functionActions.removeAll(CENTRAL_RECORDS_OF.getOrDefault(function, Set.of()));

    Map<String, Object> policy = asMap(member.resolvedResourceProperties(POLICY_OF.get(function)).get("PolicyDocument"));
    assertThat(actions(list(policy.get("Statement")).stream().map(OrganizationModeTest::asMap).toList()))
        .isEqualTo(functionActions);
    assertThat(list(member.resolvedResourceProperties("RemediationRole").get("ManagedPolicyArns")))
        .contains(policyArn(POLICY_OF.get(function)));
  }

  @Test
  void theMemberRolesPoliciesAreExactlyThoseOfTheActingFunctionsAndEachFitsIamsLimit() throws Exception {
    Template member = member("us-east-1", Map.of("IsolationRevokeRoleSessions", "true",
        "CloudTrailLogsRoleName", "trail-logs", "GlueDatabaseNames", "a,b,c,d,e"));
    List<Object> attached = list(member.resolvedResourceProperties("RemediationRole").get("ManagedPolicyArns"));
    assertThat(attached).containsExactlyInAnyOrderElementsOf(
        POLICY_OF.values().stream().map(MemberTemplateTest::policyArn).toList());
    assertThat(member.resolvedResourceProperties("RemediationRole")).doesNotContainKey("Policies");
    for (String policy : POLICY_OF.values()) {
      // IAM counts a managed policy's size without whitespace: at most 6,144 characters.
      String document = JSON.writeValueAsString(member.resolvedResourceProperties(policy).get("PolicyDocument"));
      assertThat(document.length()).as(policy + " size").isLessThanOrEqualTo(6144);
    }
  }

  @Test
  void aStackSetOverSeveralRegionsCreatesEachIamNameOncePerAccount() {
    Template primary = member("us-east-1", Map.of("PrimaryRegion", "us-east-1"));
    Template other = member("eu-west-1", Map.of("PrimaryRegion", "us-east-1"));
    assertThat(OrganizationModeTest.namedIamResources(primary))
        .containsExactlyInAnyOrder("RemediationRole", "IsolationRole", "IsolationInstanceProfile", "VpcFlowLogsRole");
    assertThat(OrganizationModeTest.namedIamResources(other)).isEmpty();
    // What every region needs is there in every region, unnamed.
    assertThat(other.deploys("ForwardingRole")).isTrue();
    assertThat(OrganizationModeTest.iamName(other, "ForwardingRole")).isNull();
    // The names are the ones the central stack uses.
    assertThat(OrganizationModeTest.iamName(primary, "RemediationRole")).isEqualTo("responders-remediation");
    assertThat(OrganizationModeTest.iamName(primary, "IsolationInstanceProfile"))
        .isEqualTo(central(Map.of()).function("TagIsolationFunction").environment()
            .get("ISOLATION_INSTANCE_PROFILE_NAME"));
  }

  /** What Ref returns for the member template's unnamed managed policy. */
  private static Object policyArn(String policy) {
    return "arn:aws:iam::" + MEMBER_ACCOUNT + ":policy/" + policy;
  }

  /** The patterns, sorted, so that two sets of rules compare whatever their order and names. */
  private static List<String> patterns(List<EventRule> rules) {
    return rules.stream().map(EventRule::pattern).sorted().toList();
  }

  private static Set<String> actions(List<Map<String, Object>> statements) {
    Set<String> actions = new TreeSet<>();
    for (Map<String, Object> statement : statements) {
      if ("Allow".equals(statement.get("Effect"))) {
        list(statement.get("Action")).forEach(action -> actions.add(String.valueOf(action)));
      }
    }
    return actions;
  }
}
