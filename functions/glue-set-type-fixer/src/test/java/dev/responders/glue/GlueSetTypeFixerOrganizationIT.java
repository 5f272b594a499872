package dev.responders.glue;

import static dev.responders.glue.GlueScenario.CRAWLED_COLUMNS;
import static dev.responders.glue.GlueScenario.DATABASE;
import static dev.responders.glue.GlueScenario.invoke;
import static dev.responders.glue.GlueScenario.tableUpdated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.shared.aws.AccountScope;
import dev.responders.shared.aws.Deployment;
import dev.responders.shared.aws.DeploymentMode;
import dev.responders.shared.error.RemediationIncompleteException;
import dev.responders.tools.account.MemberAccount;
import dev.responders.tools.emulator.AwsFault;
import dev.responders.tools.emulator.FaultProxy;
import dev.responders.tools.emulator.MotoExtension;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;

/**
 * Organization mode against moto with two accounts: a catalog change of member account B is fixed in B's Data
 * Catalog through the member role, and the central account's table of the same name is untouched.
 */
@ExtendWith({MotoExtension.class, FaultProxy.Extension.class})
class GlueSetTypeFixerOrganizationIT {

  private static final GlueFixerConfig ORGANIZATION = new GlueFixerConfig(Set.of(),
      new AccountScope("123456789012", "us-east-1", DeploymentMode.ORGANIZATION),
      new Deployment(DeploymentMode.ORGANIZATION, "responders-remediation", "o-abc1234567"));

  private GlueScenario scenario;
  private MemberAccount member;
  private GlueClient memberGlue;

  @BeforeEach
  void seedTwoCatalogs(FaultProxy proxy) {
    scenario = new GlueScenario();
    scenario.createTable("orders", CRAWLED_COLUMNS);
    member = MemberAccount.create("analytics");
    memberGlue = member.client(GlueClient.builder(), Region.US_EAST_1);
    memberGlue.createDatabase(r -> r.databaseInput(d -> d.name(DATABASE)));
    memberGlue.createTable(r -> r.databaseName(DATABASE).tableInput(GlueScenario.tableInput("orders",
        CRAWLED_COLUMNS)));
    proxy.reset();
  }

  private static List<String> types(GlueClient glue) {
    return glue.getTable(r -> r.databaseName(DATABASE).name("orders")).table().storageDescriptor().columns()
        .stream().map(Column::type).toList();
  }

  private static String of(String account) {
    return tableUpdated("orders").replace("123456789012", account);
  }

  @Test
  void aChangeOfAccountBIsFixedInAccountBsCatalogOnly(FaultProxy proxy) {
    JsonNode result = invoke(scenario.handler(ORGANIZATION), of(member.id()));
    System.out.println("API-CALLS glue-set-type-fixer organization (member account, first event): "
        + proxy.reachedInOrder().size() + " " + proxy.reachedInOrder());

    assertThat(result.get("status").asText()).isEqualTo("fixed");
    assertThat(types(memberGlue)).contains("array<string>").doesNotContain("set<string>");
    assertThat(types(scenario.glue)).as("the central account's table of the same name").contains("set<string>");
    assertThat(proxy.reached("DescribeAccount")).isEqualTo(1);
    assertThat(proxy.reached("AssumeRole")).isEqualTo(1);
  }

  @Test
  void aChangeClaimingAnAccountOutsideTheOrganizationChangesNothingAndSaysWhy(FaultProxy proxy) {
    JsonNode result = invoke(scenario.handler(ORGANIZATION), of(MemberAccount.OUTSIDER));

    assertThat(result.get("status").asText()).isEqualTo("skipped");
    assertThat(result.get("reason").asText()).startsWith("account 999999999999 is not in the organization");
    assertThat(proxy.reachedInOrder()).containsExactly("DescribeAccount");
  }

  @Test
  void singleAccountModeStillRefusesAccountBsChange(FaultProxy proxy) {
    JsonNode result = invoke(scenario.handler(GlueScenario.EVERY_DATABASE), of(member.id()));
    List<String> calls = proxy.reachedInOrder();

    assertThat(result.get("reason").asText()).isEqualTo("event is from account " + member.id()
        + ", this function acts in account 123456789012");
    assertThat(calls).isEmpty();
    assertThat(types(memberGlue)).contains("set<string>");
  }

  @Test
  void aDeniedMemberRoleChangesNothingAndIsReported(FaultProxy proxy) {
    proxy.failAlways("AssumeRole", AwsFault.accessDenied());

    assertThatThrownBy(() -> invoke(scenario.handler(ORGANIZATION), of(member.id())))
        .isInstanceOfSatisfying(RemediationIncompleteException.class, e ->
            assertThat(e.failedAction()).isEqualTo("sts:AssumeRole"));

    assertThat(types(memberGlue)).contains("set<string>");
    assertThat(scenario.inbox.take()).singleElement().satisfies(n -> assertThat(n.get("Subject").asText())
        .startsWith("Glue set-type fix FAILED"));
  }
}
