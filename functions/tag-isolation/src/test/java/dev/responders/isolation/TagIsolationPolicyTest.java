package dev.responders.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.responders.tools.RepositoryRoot;
import dev.responders.tools.template.Template;
import dev.responders.tools.template.TemplateOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What template.yaml lets the isolation function and everyone else do: the logic gaps that cfn-lint and checkov
 * do not see (a statement that is valid but grants too much).
 */
class TagIsolationPolicyTest {

  private static final Template TEMPLATE = Template.load(RepositoryRoot.find().resolve("template.yaml"),
      TemplateOptions.defaults());

  @Test
  void noStatementGrantsAWildcardAction() {
    assertThat(functionStatements()).allSatisfy(statement -> assertThat(actions(statement))
        .noneMatch(action -> action.contains("*")));
  }

  @Test
  void interfacesMayBeMovedOnlyIntoGroupsTaggedForIsolation() {
    List<Map<String, Object>> moving = statementsFor("ec2:ModifyNetworkInterfaceAttribute");
    assertThat(moving).hasSize(2);
    Map<String, Object> onGroups = moving.stream().filter(s -> resources(s).stream()
        .anyMatch(r -> r.contains(":security-group/"))).findFirst().orElseThrow();
    assertThat(resources(onGroups)).allMatch(r -> r.contains(":security-group/"));
    assertThat(condition(onGroups, "StringEquals")).containsEntry("aws:ResourceTag/responders:purpose",
        List.of("isolation", "untrack-connections"));
    Map<String, Object> onInterfaces = moving.stream().filter(s -> s != onGroups).findFirst().orElseThrow();
    assertThat(resources(onInterfaces)).noneMatch(r -> r.contains(":security-group/"));
  }

  @Test
  void roleSessionsMayBeDeniedOnlyWhenTheOptionIsOn() {
    assertThat(deployedStatements(Map.of())).as("by default")
        .noneMatch(s -> actions(s).contains("iam:PutRolePolicy"));
    assertThat(deployedStatements(Map.of("IsolationRevokeRoleSessions", "true")))
        .filteredOn(s -> actions(s).contains("iam:PutRolePolicy")).singleElement()
        .satisfies(s -> assertThat(resources(s)).allMatch(r -> r.contains(":role/") || r.contains(":instance-profile/")));
  }

  /** The isolation function's statements as CloudFormation deploys them with these parameters. */
  private static List<Map<String, Object>> deployedStatements(Map<String, String> parameters) {
    Template template = Template.load(RepositoryRoot.find().resolve("template.yaml"),
        TemplateOptions.defaults().withParameters(parameters));
    List<Map<String, Object>> statements = new ArrayList<>();
    for (Object policy : (List<?>) template.resolvedResourceProperties("TagIsolationFunction").get("Policies")) {
      statements.addAll(statements(asMap(policy)));
    }
    return statements;
  }

  @Test
  void rulesMayBeAddedOnlyToTheAllTrafficGroups() {
    assertThat(statementsFor("ec2:AuthorizeSecurityGroupIngress")).singleElement().satisfies(s -> {
      assertThat(actions(s)).containsExactlyInAnyOrder("ec2:AuthorizeSecurityGroupIngress",
          "ec2:AuthorizeSecurityGroupEgress");
      assertThat(condition(s, "StringEquals")).containsEntry("aws:ResourceTag/responders:purpose",
          "untrack-connections");
    });
  }

  @Test
  void instanceAttributesMayOnlyBeSetToProtectedAndStopOnShutdown() {
    List<Map<String, Object>> modifying = statementsFor("ec2:ModifyInstanceAttribute");
    assertThat(modifying).extracting(s -> condition(s, "StringEqualsIgnoreCase")).containsExactlyInAnyOrder(
        Map.of("ec2:Attribute/DisableApiTermination", "true"),
        Map.of("ec2:Attribute/InstanceInitiatedShutdownBehavior", "stop"));
    assertThat(modifying).allSatisfy(s -> assertThat(actions(s)).containsExactly("ec2:ModifyInstanceAttribute"));
  }

  @Test
  void tagsAtCreationAreLimitedToTheSuitesOwnKeys() {
    assertThat(statementsFor("ec2:CreateTags")).allSatisfy(s -> assertThat(condition(s, "ForAllValues:StringEquals"))
        .containsKey("aws:TagKeys"));
  }

  @Test
  void noUnusedActionIsGranted() {
    assertThat(functionStatements()).flatMap(TagIsolationPolicyTest::actions)
        .doesNotContain("ssm:AddTagsToResource", "ssm:DeleteParameter", "ec2:DeleteSecurityGroup");
  }

  @Test
  void theIsolationGroupMayBeCreatedInAVpcSharedByAnotherAccount() {
    Map<String, Object> create = statementsFor("ec2:CreateSecurityGroup").stream()
        .filter(s -> resources(s).stream().anyMatch(r -> r.contains(":vpc/"))).findFirst().orElseThrow();
    assertThat(resources(create)).containsExactly("arn:${AWS::Partition}:ec2:${AWS::Region}:*:vpc/*");
  }

  @Test
  void onlyTheSuitesFunctionsMayPublishToTheResponders() {
    List<Map<String, Object>> statements = statements(policyDocument("ResponderNotificationsTopicPolicy"));
    Map<String, Object> deny = statements.stream().filter(s -> "Deny".equals(s.get("Effect"))).findFirst().orElseThrow();
    assertThat(deny.get("Principal")).isEqualTo("*");
    assertThat(actions(deny)).containsExactly("sns:Publish");
    assertThat(condition(deny, "ArnNotEquals")).containsKey("aws:PrincipalArn");
  }

  @Test
  void failedIsolationsCannotBeMadeToVanish() {
    assertThat(TEMPLATE.resourceAttribute("TagIsolationFailureQueue", "DeletionPolicy")).isEqualTo("Retain");
    Map<String, Object> deny = statements(policyDocument("TagIsolationFailureQueuePolicy")).stream()
        .filter(s -> "Deny".equals(s.get("Effect"))).findFirst().orElseThrow();
    assertThat(actions(deny)).contains("sqs:PurgeQueue", "sqs:ReceiveMessage", "sqs:DeleteMessage");
    assertThat(condition(deny, "ArnNotLike")).containsKey("aws:PrincipalArn");
  }

  @Test
  void onlyTheIsolationAndReleaseFunctionsMaySealRecords() {
    Map<String, Object> key = TEMPLATE.resourceProperties("IsolationRecordKey");
    assertThat(key).containsEntry("KeyUsage", "GENERATE_VERIFY_MAC");
    List<Map<String, Object>> statements = statements(asMap(key.get("KeyPolicy")));
    List<Map<String, Object>> sealing = statements.stream()
        .filter(s -> actions(s).contains("kms:GenerateMac") || actions(s).contains("kms:VerifyMac")).toList();
    assertThat(sealing).singleElement().satisfies(s -> assertThat(asMap(s.get("Principal")).get("AWS"))
        .isEqualTo(List.of(Map.of("Fn::GetAtt", List.of("TagIsolationFunctionRole", "Arn")),
            Map.of("Fn::GetAtt", List.of("TagReleaseFunctionRole", "Arn")))));
  }

  @Test
  void theReleaseGrantsNoWildcardActionAndCreatesNothing() {
    assertThat(functionStatements("TagReleaseFunction")).allSatisfy(statement -> assertThat(actions(statement))
        .noneMatch(action -> action.contains("*")));
    assertThat(functionStatements("TagReleaseFunction")).flatMap(TagIsolationPolicyTest::actions)
        .noneMatch(a -> a.startsWith("ec2:Create") && !a.equals("ec2:CreateTags") || a.startsWith("ec2:Delete")
            || a.startsWith("ec2:Revoke") || a.startsWith("ec2:Authorize") || a.equals("ssm:DeleteParameter"));
  }

  @Test
  void theReleaseMayPassRolesOnlyToEc2AndSetOnlyTheTwoRecordedAttributes() {
    List<Map<String, Object>> release = functionStatements("TagReleaseFunction");
    assertThat(release).filteredOn(s -> actions(s).contains("iam:PassRole")).singleElement()
        .satisfies(s -> assertThat(condition(s, "StringEquals")).containsEntry("iam:PassedToService",
            "ec2.amazonaws.com"));
    assertThat(release).filteredOn(s -> actions(s).contains("ec2:ModifyInstanceAttribute"))
        .extracting(s -> condition(s, "StringEqualsIgnoreCase").keySet()).containsExactlyInAnyOrder(
            java.util.Set.of("ec2:Attribute/DisableApiTermination"),
            java.util.Set.of("ec2:Attribute/InstanceInitiatedShutdownBehavior"));
  }

  @Test
  void theIsolatingRoleHoldsNoneOfTheReleasePermissions() {
    assertThat(functionStatements()).flatMap(TagIsolationPolicyTest::actions).doesNotContain(
        "ec2:DisassociateIamInstanceProfile", "ec2:AssociateAddress", "elasticloadbalancing:RegisterTargets",
        "elasticloadbalancing:RegisterInstancesWithLoadBalancer", "autoscaling:AttachInstances",
        "autoscaling:SetDesiredCapacity");
  }

  @ParameterizedTest(name = "tag value ''{0}'' is refused at deploy")
  @ValueSource(strings = {"isolate ", " isolate", ""})
  void aTagValueWithSurroundingSpacesIsRefusedAtDeploy(String value) {
    assertThat(allowed("IsolationTagValue", value)).isFalse();
    assertThat(allowed("IsolationTagValue", "isolate now")).isTrue();
  }

  @ParameterizedTest(name = "tag key ''{0}'' is refused at deploy")
  @ValueSource(strings = {"aws:isolate", "SecurityResponse ", " SecurityResponse"})
  void aTagKeyOfAwsOrWithSurroundingSpacesIsRefusedAtDeploy(String key) {
    assertThat(allowed("IsolationTagKey", key)).isFalse();
    assertThat(allowed("IsolationTagKey", "Security Response")).isTrue();
  }

  private static boolean allowed(String parameter, String value) {
    String pattern = (String) TEMPLATE.parameterDefinition(parameter).get("AllowedPattern");
    return Pattern.compile(pattern).matcher(value).matches();
  }

  private static List<Map<String, Object>> functionStatements() {
    return functionStatements("TagIsolationFunction");
  }

  private static List<Map<String, Object>> functionStatements(String function) {
    List<Map<String, Object>> statements = new ArrayList<>();
    for (Object policy : (List<?>) TEMPLATE.resourceProperties(function).get("Policies")) {
      statements.addAll(statements(asMap(policy)));
    }
    return statements;
  }

  private static List<Map<String, Object>> statementsFor(String action) {
    return functionStatements().stream().filter(s -> actions(s).contains(action)).toList();
  }

  private static Map<String, Object> policyDocument(String logicalId) {
    return asMap(TEMPLATE.resourceProperties(logicalId).get("PolicyDocument"));
  }

  private static List<Map<String, Object>> statements(Map<String, Object> document) {
    return ((List<?>) document.get("Statement")).stream().map(TagIsolationPolicyTest::asMap).toList();
  }

  private static List<String> actions(Map<String, Object> statement) {
    return strings(statement.get("Action"));
  }

  private static List<String> resources(Map<String, Object> statement) {
    Object resource = statement.get("Resource");
    List<?> all = resource instanceof List<?> list ? list : List.of(resource);
    return all.stream().map(r -> r instanceof Map<?, ?> m && m.containsKey("Fn::Sub") ? (String) m.get("Fn::Sub")
        : String.valueOf(r)).toList();
  }

  private static Map<String, Object> condition(Map<String, Object> statement, String operator) {
    return asMap(asMap(statement.get("Condition")).get(operator));
  }

  private static List<String> strings(Object value) {
    return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(value));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
  }
}
