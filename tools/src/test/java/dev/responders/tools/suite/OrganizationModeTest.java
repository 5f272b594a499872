package dev.responders.tools.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.responders.tools.RepositoryRoot;
import dev.responders.tools.template.EventRule;
import dev.responders.tools.template.Template;
import dev.responders.tools.template.TemplateOptions;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * template.yaml in both deployment modes, as a deploy would see it: single-account (the default) keeps the default
 * bus and grants nothing across accounts; organization puts the acting functions' rules on a central bus that only
 * the organization may put events on, and lets exactly those functions assume the member role in its accounts.
 */
class OrganizationModeTest {

  static final String ORGANIZATION_ID = "o-a1b2c3d4e5";
  static final Map<String, String> ORGANIZATION = Map.of("DeploymentMode", "organization",
      "OrganizationId", ORGANIZATION_ID);
  /** The functions that act on resources of the event's account, and their rules' buses follow the mode. */
  static final List<String> ACTING = List.of("TagIsolationFunction", "TagReleaseFunction",
      "AmiParameterUpdaterFunction", "SecurityHubPlaybooksFunction", "GlueSetTypeFixerFunction",
      "IamPolicyGuardFunction", "IamPolicyDecisionFunction");
  static final String CENTRAL_BUS = TemplateOptions.STACK_NAME + "-central";

  static Template central(Map<String, String> parameters) {
    return Template.load(RepositoryRoot.find().resolve("template.yaml"),
        TemplateOptions.defaults().withParameters(parameters));
  }

  private static final Template SINGLE = central(Map.of());
  private static final Template ORG = central(ORGANIZATION);

  static Stream<String> functionsWithForwardedEvents() {
    return Stream.of("TagIsolationFunction", "TagReleaseFunction", "AmiParameterUpdaterFunction",
        "GlueSetTypeFixerFunction", "IamPolicyGuardFunction", "TagIsolationDriftFunction");
  }

  @Test
  void singleAccountIsTheDefaultAndCreatesNoBus() {
    assertThat(SINGLE.parameters()).containsEntry("DeploymentMode", "single-account");
    assertThat(SINGLE.deploys("CentralEventBus")).isFalse();
    assertThat(SINGLE.deploys("CentralEventBusPolicy")).isFalse();
    assertThat(ORG.deploys("CentralEventBus")).isTrue();
    assertThat(SINGLE.eventRules()).extracting(EventRule::eventBusName).doesNotContain(CENTRAL_BUS);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("functionsWithForwardedEvents")
  void theRulesOfFunctionsWhoseEventsAreForwardedListenOnTheCentralBusInOrganizationMode(String function) {
    assertThat(SINGLE.eventRulesFor(function)).isNotEmpty().extracting(EventRule::eventBusName)
        .containsOnly(EventRule.DEFAULT_BUS);
    assertThat(ORG.eventRulesFor(function)).isNotEmpty().extracting(EventRule::eventBusName)
        .containsOnly(CENTRAL_BUS);
    // The same patterns in both modes: only the bus changes.
    assertThat(ORG.eventRulesFor(function)).extracting(EventRule::pattern)
        .isEqualTo(SINGLE.eventRulesFor(function).stream().map(EventRule::pattern).toList());
  }

  @Test
  void securityHubFindingsStayOnTheDefaultBusWhereTheAdministratorReceivesThemAggregated() {
    Template every = central(Map.of("DeploymentMode", "organization", "OrganizationId", ORGANIZATION_ID,
        "AutoRemediateControls", "IAM.7"));
    assertThat(every.eventRulesFor("SecurityHubPlaybooksFunction")).hasSize(2).extracting(EventRule::eventBusName)
        .containsOnly(EventRule.DEFAULT_BUS);
  }

  @Test
  void onlyAccountsOfTheOrganizationMayPutEventsOnTheCentralBus() {
    Map<String, Object> policy = ORG.resolvedResourceProperties("CentralEventBusPolicy");
    assertThat(policy).containsEntry("EventBusName", CENTRAL_BUS);
    Map<String, Object> statement = asMap(policy.get("Statement"));
    assertThat(statement).containsEntry("Effect", "Allow").containsEntry("Principal", "*")
        .containsEntry("Action", "events:PutEvents")
        .containsEntry("Resource", "arn:aws:events:" + ORG_REGION + ":123456789012:event-bus/" + CENTRAL_BUS)
        .containsEntry("Condition", Map.of("StringEquals", Map.of("aws:PrincipalOrgID", ORGANIZATION_ID)));
  }

  private static final String ORG_REGION = TemplateOptions.defaults().region();

  @Test
  void organizationModeIsRefusedWithoutAnOrganizationId() {
    Map<String, Object> rule = asMap(asMap(SINGLE_DOCUMENT.get("Rules")).get("OrganizationModeNeedsOrganizationId"));
    assertThat(rule.get("RuleCondition"))
        .isEqualTo(Map.of("Fn::Equals", List.of(Map.of("Ref", "DeploymentMode"), "organization")));
    assertThat(list(rule.get("Assertions"))).singleElement().extracting(a -> asMap(a).get("Assert"))
        .isEqualTo(Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "OrganizationId"), "")))));
  }

  private static final Map<String, Object> SINGLE_DOCUMENT = dev.responders.tools.template.TemplateReader.read(
      RepositoryRoot.find().resolve("template.yaml"));

  @ParameterizedTest(name = "{0}")
  @MethodSource("allFunctions")
  void everyFunctionIsToldTheModeTheMemberRoleAndTheOrganization(String function) {
    assertThat(SINGLE.function(function).environment()).containsEntry("DEPLOYMENT_MODE", "single-account")
        .containsEntry("MEMBER_ROLE_NAME", "responders-remediation").containsEntry("ORGANIZATION_ID", "");
    assertThat(ORG.function(function).environment()).containsEntry("DEPLOYMENT_MODE", "organization")
        .containsEntry("MEMBER_ROLE_NAME", "responders-remediation").containsEntry("ORGANIZATION_ID", ORGANIZATION_ID);
  }

  static Stream<String> allFunctions() {
    return SINGLE.functions().keySet().stream();
  }

  static Stream<String> acting() {
    return ACTING.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("acting")
  void inOrganizationModeAnActingFunctionAssumesTheMemberRoleInTheOrganizationOnlyAndChecksTheAccount(String function) {
    List<Map<String, Object>> statements = statements(ORG, function);
    assertThat(statements).filteredOn(s -> "sts:AssumeRole".equals(s.get("Action"))).singleElement()
        .satisfies(s -> {
          assertThat(s.get("Resource")).isEqualTo("arn:aws:iam::*:role/responders-remediation");
          assertThat(s.get("Condition"))
              .isEqualTo(Map.of("StringEquals", Map.of("aws:ResourceOrgID", ORGANIZATION_ID)));
        });
    // Service authorization reference, Organizations: account is
    // arn:${Partition}:organizations::${Account}:account/o-${OrganizationId}/${AccountId} (the management account's id).
    assertThat(statements).filteredOn(s -> "organizations:DescribeAccount".equals(s.get("Action"))).singleElement()
        .extracting(s -> s.get("Resource"))
        .isEqualTo("arn:aws:organizations::*:account/" + ORGANIZATION_ID + "/*");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allFunctions")
  void inSingleAccountModeNoFunctionMayReadTheOrganization(String function) {
    assertThat(statements(SINGLE, function)).extracting(s -> s.get("Action"))
        .doesNotContain("organizations:DescribeAccount");
  }

  @Test
  void inSingleAccountModeOnlyThePlaybooksAndAConfiguredAmiUpdaterAssumeRoles() {
    for (String function : SINGLE.functions().keySet()) {
      boolean assumes = statements(SINGLE, function).stream().anyMatch(s -> "sts:AssumeRole".equals(s.get("Action")));
      assertThat(assumes).as(function).isEqualTo(function.equals("SecurityHubPlaybooksFunction"));
    }
    Template withTargetRole = central(Map.of("TargetAccountRoleName", "ami-writer"));
    assertThat(statements(withTargetRole, "AmiParameterUpdaterFunction"))
        .filteredOn(s -> "sts:AssumeRole".equals(s.get("Action"))).singleElement()
        .extracting(s -> s.get("Resource")).isEqualTo("arn:aws:iam::*:role/ami-writer");
    // Organization mode: the AMI function writes other accounts' parameters through the member role, not this one.
    assertThat(central(Map.of("DeploymentMode", "organization", "OrganizationId", ORGANIZATION_ID,
        "TargetAccountRoleName", "ami-writer")).function("AmiParameterUpdaterFunction").environment())
        .containsEntry("TARGET_ACCOUNT_ROLE_NAME", "responders-remediation");
  }

  @Test
  void inOrganizationModeTheIsolationProfileIsEveryAccountsOwnAndNotCreatedHere() {
    assertThat(ORG.deploys("IsolationInstanceProfile")).isFalse();
    assertThat(ORG.deploys("IsolationRole")).isFalse();
    assertThat(ORG.function("TagIsolationFunction").environment())
        .containsEntry("ISOLATION_INSTANCE_PROFILE_NAME", "responders-isolation");
    assertThat(statements(ORG, "TagIsolationFunction")).filteredOn(s -> "iam:PassRole".equals(s.get("Action")))
        .singleElement().extracting(s -> s.get("Resource"))
        .isEqualTo("arn:aws:iam::123456789012:role/responders-isolation");
  }

  /** Every IAM resource named in the template, and the name a deploy would give it. */
  static List<String> namedIamResources(Template template) {
    return Stream.of("AWS::IAM::Role", "AWS::IAM::InstanceProfile", "AWS::IAM::ManagedPolicy", "AWS::IAM::User",
            "AWS::IAM::Group")
        .flatMap(type -> template.resourcesOfType(type).stream())
        .filter(resource -> template.deploys(resource) && iamName(template, resource) != null)
        .toList();
  }

  static String iamName(Template template, String resource) {
    Map<String, Object> properties = template.resolvedResourceProperties(resource);
    return Stream.of("RoleName", "InstanceProfileName", "ManagedPolicyName", "UserName", "GroupName")
        .map(properties::get).filter(Objects::nonNull).map(String::valueOf).findFirst().orElse(null);
  }

  @Test
  void theCentralStackDeploysInTwoRegionsOfOneAccountWithoutAnIamNameTwice() {
    for (Map<String, String> mode : List.of(Map.<String, String>of(), ORGANIZATION)) {
      Template east = Template.load(RepositoryRoot.find().resolve("template.yaml"),
          TemplateOptions.defaults().withRegion("us-east-1").withParameters(mode));
      Template west = Template.load(RepositoryRoot.find().resolve("template.yaml"),
          TemplateOptions.defaults().withRegion("eu-west-1").withParameters(mode));
      List<String> eastNames = namedIamResources(east).stream().map(r -> iamName(east, r)).toList();
      List<String> westNames = namedIamResources(west).stream().map(r -> iamName(west, r)).toList();
      assertThat(eastNames).as("IAM names in us-east-1 and eu-west-1, " + mode).noneMatch(westNames::contains);
      // Every such name carries its region (what keeps them apart), not a coincidence of parameters.
      namedIamResources(east).forEach(r -> assertThat(iamName(east, r)).as(r).contains("us-east-1"));
    }
    assertThat(namedIamResources(SINGLE)).containsExactly("IsolationInstanceProfile");
  }

  @Test
  void noFunctionReservesConcurrencyByDefaultExceptWhereItsOwnParameterSaysSo() {
    // An account on Lambda's initial quota (10) can reserve nothing: every reservation is a parameter, off by default
    // for the functions fixed here (blue/green keeps its 1, see README).
    for (String function : SINGLE.functions().keySet()) {
      Object reserved = SINGLE.resourceProperties(function).get("ReservedConcurrentExecutions");
      if (reserved != null) {
        assertThat(reserved).as(function).isInstanceOf(Map.class);
        assertThat(asMap(reserved)).as(function).containsOnlyKeys("Fn::If");
      }
    }
    for (String function : List.of("AmiParameterUpdaterFunction", "ZendeskWebhookFunction", "IamPolicyApprovalFunction",
        "TagIsolationFunction", "SecurityHubPlaybooksFunction")) {
      assertThat(SINGLE.resolvedResourceProperties(function)).as(function)
          .doesNotContainKey("ReservedConcurrentExecutions");
    }
    assertThat(central(Map.of("AmiParameterUpdaterReservedConcurrency", "1"))
        .resolvedResourceProperties("AmiParameterUpdaterFunction")).containsEntry("ReservedConcurrentExecutions", "1");
  }

  static List<Map<String, Object>> statements(Template template, String function) {
    List<Object> policies = list(template.resolvedResourceProperties(function).get("Policies"));
    return policies.stream().map(OrganizationModeTest::asMap).filter(p -> p.containsKey("Statement"))
        .flatMap(p -> list(p.get("Statement")).stream()).map(OrganizationModeTest::asMap).toList();
  }

  static List<Object> list(Object value) {
    return value instanceof List<?> items ? List.copyOf(items) : value == null ? List.of() : List.of(value);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(Object value) {
    return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
  }
}
