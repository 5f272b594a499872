package dev.responders.iamguard;

import static dev.responders.iamguard.GuardScenario.ACCOUNT;
import static dev.responders.iamguard.GuardScenario.PREFIX;
import static dev.responders.iamguard.GuardScenario.RESTRICTED_IN_SECOND_STATEMENT;
import static dev.responders.iamguard.GuardScenario.invoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responders.shared.aws.AccountScope;
import dev.responders.shared.aws.AwsClients;
import dev.responders.shared.aws.Deployment;
import dev.responders.shared.aws.DeploymentMode;
import dev.responders.shared.error.RemediationIncompleteException;
import dev.responders.shared.json.Json;
import dev.responders.tools.account.MemberAccount;
import dev.responders.tools.emulator.AwsFault;
import dev.responders.tools.emulator.FaultProxy;
import dev.responders.tools.emulator.MotoExtension;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Organization mode against moto with two accounts: the central guard in account 123456789012 holds a risky policy
 * version of member account B in B, through the member role; the workflow (central) carries B; the decision restores
 * or discards it in B. Account A's policy of the same name is untouched throughout. The guard's own sessions of the
 * member role are not judged again; anyone else's session of that role is.
 */
@ExtendWith({MotoExtension.class, FaultProxy.Extension.class})
class IamPolicyGuardOrganizationIT {

  private static final Deployment ORGANIZATION = new Deployment(DeploymentMode.ORGANIZATION, "responders-remediation",
      "o-abc1234567");
  private static final AccountScope CENTRAL = new AccountScope(ACCOUNT, "us-east-1", DeploymentMode.ORGANIZATION);

  private final SfnClient sfn = AwsClients.build(SfnClient.builder());
  private GuardScenario central;
  private MemberAccount member;
  private IamClient memberIam;
  private String stateMachine;
  private String centralPolicy;
  private String memberPolicy;

  @BeforeEach
  void seedTwoAccountsWithAPolicyOfTheSameName(FaultProxy proxy) {
    central = new GuardScenario();
    stateMachine = sfn.createStateMachine(r -> r.name("aws-event-responders-iam-policy-approval")
        .roleArn("arn:aws:iam::123456789012:role/IamPolicyApprovalStateMachineRole")
        .definition("{\"StartAt\":\"Wait\",\"States\":{\"Wait\":{\"Type\":\"Pass\",\"End\":true}}}"))
        .stateMachineArn();
    member = MemberAccount.create("workloads");
    memberIam = member.client(IamClient.builder(), Region.AWS_GLOBAL);
    centralPolicy = central.createPolicy("data-cleanup", RESTRICTED_IN_SECOND_STATEMENT);
    memberPolicy = memberIam.createPolicy(r -> r.policyName("data-cleanup")
        .policyDocument(RESTRICTED_IN_SECOND_STATEMENT)).policy().arn();
    proxy.reset();
  }

  private GuardConfig organization() {
    GuardConfig single = central.config(stateMachine);
    return new GuardConfig(single.restricted(), single.guardRoleArns(), single.stateMachineArn(),
        single.approvalTimeoutSeconds(), single.recordPrefix(), CENTRAL, ORGANIZATION);
  }

  private IamPolicyGuardHandler guard(GuardConfig config) {
    return new IamPolicyGuardHandler(config, AwsClients.build(IamClient.builder()), central.ssm,
        AwsClients.build(SfnClient.builder()), central.notifier(), Clock.systemUTC());
  }

  private IamPolicyDecisionHandler decisions() {
    return new IamPolicyDecisionHandler(new ApprovalConfig(central.createKey(), PREFIX, "https://approve.example/",
        CENTRAL, ORGANIZATION), AwsClients.build(IamClient.builder()), central.ssm, central.kms, central.notifier(),
        Clock.systemUTC());
  }

  /** CreatePolicy of {@code policyArn} as EventBridge delivers it from the policy's account, by {@code caller}. */
  private static String created(String account, String policyArn, String callerArn, String callerRoleArn) {
    ObjectNode event = (ObjectNode) Json.read(GuardScenario.event("match/create-policy.json", policyArn, "v1")
        .replace("123456789012", account), JsonNode.class);
    ObjectNode identity = Json.MAPPER.createObjectNode().put("arn", callerArn).put("accountId", account);
    if (callerRoleArn != null) {
      identity.put("type", "AssumedRole");
      identity.putObject("sessionContext").putObject("sessionIssuer").put("type", "Role").put("arn", callerRoleArn);
    } else {
      identity.put("type", "IAMUser");
    }
    ((ObjectNode) event.get("detail")).set("userIdentity", identity);
    return event.toString();
  }

  private String createdInMemberBy(String callerArn, String callerRoleArn) {
    return created(member.id(), memberPolicy, callerArn, callerRoleArn);
  }

  private String byDana() {
    return createdInMemberBy("arn:aws:iam::" + member.id() + ":user/dana", null);
  }

  private String memberRole() {
    return "arn:aws:iam::" + member.id() + ":role/responders-remediation";
  }

  private String memberRoleSession(String session) {
    return "arn:aws:sts::" + member.id() + ":assumed-role/responders-remediation/" + session;
  }

  private List<String> versions(IamClient iam, String policyArn) {
    return iam.listPolicyVersions(r -> r.policyArn(policyArn)).versions().stream().map(PolicyVersion::versionId)
        .sorted().toList();
  }

  private String defaultIn(IamClient iam, String policyArn) {
    return iam.getPolicy(r -> r.policyArn(policyArn)).policy().defaultVersionId();
  }

  private String documentIn(IamClient iam, String policyArn, String version) {
    return URLDecoder.decode(iam.getPolicyVersion(r -> r.policyArn(policyArn).versionId(version)).policyVersion()
        .document(), StandardCharsets.UTF_8);
  }

  private JsonNode executionInput() {
    String arn = sfn.listExecutions(r -> r.stateMachineArn(stateMachine)).executions().get(0).executionArn();
    return Json.read(sfn.describeExecution(r -> r.executionArn(arn)).input(), JsonNode.class);
  }

  private JsonNode step(String action, JsonNode held) {
    ObjectNode input = Json.MAPPER.createObjectNode().put("action", action).put("decided_by", "ops");
    input.set("held", held);
    return invoke(decisions(), input.toString());
  }

  @Test
  void aRiskyVersionOfAccountBIsHeldInBAndApprovalRestoresItThereLeavingAUntouched(FaultProxy proxy) {
    JsonNode result = invoke(guard(organization()), byDana());
    System.out.println("API-CALLS iam-policy-guard organization (member account, held): "
        + proxy.reachedInOrder().size() + " " + proxy.reachedInOrder());

    assertThat(result.get("status").asText()).isEqualTo("held");
    assertThat(result.get("policy_arn").asText()).isEqualTo(memberPolicy);
    assertThat(defaultIn(memberIam, memberPolicy)).isEqualTo("v2");
    assertThat(documentIn(memberIam, memberPolicy, "v2")).isEqualTo(NeutralPolicy.DOCUMENT);
    assertThat(versions(central.iam, centralPolicy)).as("account A's policy of the same name").containsExactly("v1");
    assertThat(proxy.reached("DescribeAccount")).isEqualTo(1);
    assertThat(proxy.reached("AssumeRole")).isEqualTo(1);
    JsonNode held = executionInput();
    assertThat(held.get("account").asText()).isEqualTo(member.id());
    assertThat(held.get("policy_arn").asText()).isEqualTo(memberPolicy);

    JsonNode approved = step("approve", held);

    assertThat(approved.get("status").asText()).isEqualTo("approved");
    assertThat(defaultIn(memberIam, memberPolicy)).isEqualTo("v1");
    assertThat(versions(memberIam, memberPolicy)).containsExactly("v1");
    assertThat(documentIn(memberIam, memberPolicy, "v1")).isEqualTo(RESTRICTED_IN_SECOND_STATEMENT);
    assertThat(versions(central.iam, centralPolicy)).containsExactly("v1");
    assertThat(defaultIn(central.iam, centralPolicy)).isEqualTo("v1");
  }

  @Test
  void samePolicyNameSameEventIdInAAndBKeepTheirWorkflowsAndRecordsApart() {
    invoke(guard(organization()), byDana());
    JsonNode memberHeld = executionInput();
    invoke(guard(organization()), created(ACCOUNT, centralPolicy, "arn:aws:iam::123456789012:user/dana", null));
    JsonNode centralHeld = sfn.listExecutions(r -> r.stateMachineArn(stateMachine)).executions().stream()
        .map(e -> Json.read(sfn.describeExecution(r -> r.executionArn(e.executionArn())).input(), JsonNode.class))
        .filter(input -> input.get("account").asText().equals(ACCOUNT)).findFirst().orElseThrow();

    assertThat(step("deny", memberHeld).get("status").asText()).isEqualTo("denied");
    assertThat(step("deny", centralHeld).get("status").asText()).isEqualTo("denied");

    String memberId = memberIam.getPolicy(r -> r.policyArn(memberPolicy)).policy().policyId();
    String centralId = central.iam.getPolicy(r -> r.policyArn(centralPolicy)).policy().policyId();
    JsonNode memberRecord = Json.read(central.ssm.getParameter(r -> r.name(PREFIX + "/versions/" + member.id() + "/"
        + memberId + "/v1")).parameter().value(), JsonNode.class);
    JsonNode centralRecord = Json.read(central.ssm.getParameter(r -> r.name(PREFIX + "/versions/" + ACCOUNT + "/"
        + centralId + "/v1")).parameter().value(), JsonNode.class);
    assertThat(memberRecord.get("policy_arn").asText()).isEqualTo(memberPolicy);
    assertThat(centralRecord.get("policy_arn").asText()).isEqualTo(centralPolicy);
    assertThat(versions(memberIam, memberPolicy)).containsExactly("v2");
    assertThat(versions(central.iam, centralPolicy)).containsExactly("v2");
  }

  @Test
  void theGuardsOwnSessionOfTheMemberRoleIsNotJudgedAgain(FaultProxy proxy) {
    JsonNode result = invoke(guard(organization()), createdInMemberBy(memberRoleSession("iam-policy-guard"),
        memberRole()));

    assertThat(result.get("status").asText()).isEqualTo("skipped");
    assertThat(result.get("reason").asText()).isEqualTo("the call was the guard's own ("
        + memberRoleSession("iam-policy-guard") + ", its session of the member role)");
    assertThat(proxy.reachedInOrder()).isEmpty();
    assertThat(versions(memberIam, memberPolicy)).containsExactly("v1");
  }

  @Test
  void anyoneElseUsingTheMemberRoleCannotEvadeTheGuard() {
    // Another acting function's session, a person who got hold of the role, or the guard's session name on the
    // member role of the central account (where the guard never uses it): each is judged and held.
    for (String session : List.of("tag-isolation", "dana", "iam-policy-guard-x")) {
      String policy = memberIam.createPolicy(r -> r.policyName("by-" + session)
          .policyDocument(RESTRICTED_IN_SECOND_STATEMENT)).policy().arn();

      JsonNode result = invoke(guard(organization()), created(member.id(), policy, memberRoleSession(session),
          memberRole()));

      assertThat(result.get("status").asText()).as(session).isEqualTo("held");
      assertThat(defaultIn(memberIam, policy)).as(session).isEqualTo("v2");
    }
    JsonNode inCentral = invoke(guard(organization()), created(ACCOUNT, centralPolicy,
        "arn:aws:sts::123456789012:assumed-role/responders-remediation/iam-policy-guard",
        "arn:aws:iam::123456789012:role/responders-remediation"));

    assertThat(inCentral.get("status").asText()).isEqualTo("held");
    assertThat(defaultIn(central.iam, centralPolicy)).isEqualTo("v2");
  }

  @Test
  void anEventClaimingAnAccountOutsideTheOrganizationChangesNothingAndSaysWhy(FaultProxy proxy) {
    String outsiderPolicy = "arn:aws:iam::" + MemberAccount.OUTSIDER + ":policy/data-cleanup";

    JsonNode result = invoke(guard(organization()), created(MemberAccount.OUTSIDER, outsiderPolicy,
        "arn:aws:iam::" + MemberAccount.OUTSIDER + ":user/mallory", null));

    assertThat(result.get("status").asText()).isEqualTo("skipped");
    assertThat(result.get("reason").asText()).isEqualTo("account 999999999999 is not in the organization"
        + " (organizations:DescribeAccount: AccountNotFoundException): the suite acts only for its member accounts");
    assertThat(proxy.reachedInOrder()).containsExactly("DescribeAccount");
    assertThat(sfn.listExecutions(r -> r.stateMachineArn(stateMachine)).executions()).isEmpty();
  }

  @Test
  void anEventOfBNamingAPolicyOfAnotherAccountIsRefusedWithoutACall(FaultProxy proxy) {
    String forged = created(member.id(), memberPolicy, "arn:aws:iam::" + member.id() + ":user/dana", null)
        .replace(memberPolicy, centralPolicy);

    JsonNode result = invoke(guard(organization()), forged);

    assertThat(result.get("reason").asText()).isEqualTo("policy '" + centralPolicy + "' is not of account "
        + member.id() + ", the event's");
    assertThat(proxy.reachedInOrder()).isEmpty();
    assertThat(versions(central.iam, centralPolicy)).containsExactly("v1");
  }

  @Test
  void singleAccountModeStillRefusesBsEvent(FaultProxy proxy) {
    JsonNode result = invoke(guard(central.config(stateMachine)), byDana());

    assertThat(result.get("status").asText()).isEqualTo("skipped");
    assertThat(result.get("reason").asText()).isEqualTo("event is from account " + member.id()
        + ", this function acts in account 123456789012");
    assertThat(proxy.reachedInOrder()).isEmpty();
    assertThat(versions(memberIam, memberPolicy)).containsExactly("v1");
  }

  @Test
  void aDeniedMemberRoleChangesNothingAndFailsTheInvocationForARetry(FaultProxy proxy) {
    proxy.failAlways("AssumeRole", AwsFault.accessDenied());

    assertThatThrownBy(() -> invoke(guard(organization()), byDana()))
        .isInstanceOfSatisfying(RemediationIncompleteException.class, e ->
            assertThat(e.failedAction()).isEqualTo("sts:AssumeRole"));

    assertThat(versions(memberIam, memberPolicy)).containsExactly("v1");
    assertThat(sfn.listExecutions(r -> r.stateMachineArn(stateMachine)).executions()).isEmpty();
  }

  @Test
  void aDecisionForAnAccountNoLongerInTheOrganizationChangesNothingAndIsAConflict(FaultProxy proxy) {
    HeldChange held = new HeldChange("arn:aws:iam::" + MemberAccount.OUTSIDER + ":policy/data-cleanup", "v1", "v2",
        "event-1", "CreatePolicy", "arn:aws:iam::" + MemberAccount.OUTSIDER + ":user/dana", List.of(), 86_400);
    JsonNode decisionInput = Json.MAPPER.valueToTree(held);
    proxy.reset();

    JsonNode result = step("approve", decisionInput);

    assertThat(result.get("status").asText()).isEqualTo("conflict");
    assertThat(result.get("what").asText()).startsWith("nothing changed: account 999999999999 is not in the"
        + " organization");
    assertThat(proxy.reachedInOrder()).doesNotContain("AssumeRole", "GetPolicy", "SetDefaultPolicyVersion");
  }

  @Test
  void aWorkflowInputWhoseAccountIsNotThePolicysActsNowhere() {
    invoke(guard(organization()), byDana());
    ObjectNode held = (ObjectNode) executionInput();
    held.put("account", ACCOUNT);

    assertThatThrownBy(() -> step("approve", held)).hasMessageContaining("held.account must be the policy's account "
        + member.id());
    assertThat(defaultIn(memberIam, memberPolicy)).isEqualTo("v2");
  }
}
