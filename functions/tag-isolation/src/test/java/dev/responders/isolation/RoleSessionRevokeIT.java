package dev.responders.isolation;

import static dev.responders.isolation.IsolationScenario.applied;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.shared.json.Json;
import dev.responders.tools.emulator.MotoExtension;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With IsolationRevokeRoleSessions, the old role denies the isolated instance's sessions issued before the
 * isolation, and only that instance's: a neighbour sharing the role keeps working.
 */
@ExtendWith(MotoExtension.class)
class RoleSessionRevokeIT {

  private IsolationScenario scenario;

  @BeforeEach
  void seedAccount() {
    scenario = new IsolationScenario();
  }

  @Test
  void theOldRoleDeniesTheIsolatedInstancesEarlierSessionsOnly() {
    String instance = scenario.launchTagged(List.of(List.of(scenario.webGroup)));
    scenario.account.associateProfile(instance, "app-server");
    TagIsolationHandler revoking = scenario.handlerWith(IsolationScenario.config("responders-isolation", true, true,
        true));

    JsonNode result = IsolationScenario.invoke(revoking, applied(instance));

    assertThat(result.get("status").asText()).isEqualTo("isolated");
    assertThat(scenario.iam.listRolePolicies(r -> r.roleName("app-server")).policyNames())
        .containsExactly("responders-deny-isolated-" + instance);
    JsonNode statement = Json.read(URLDecoder.decode(scenario.iam.getRolePolicy(r -> r.roleName("app-server")
        .policyName("responders-deny-isolated-" + instance)).policyDocument(), StandardCharsets.UTF_8),
        JsonNode.class).get("Statement").get(0);
    assertThat(statement.get("Effect").asText()).isEqualTo("Deny");
    assertThat(statement.at("/Condition/StringEquals/ec2:SourceInstanceARN").asText())
        .isEqualTo("arn:aws:ec2:us-east-1:123456789012:instance/" + instance);
    assertThat(statement.at("/Condition/DateLessThan/aws:TokenIssueTime").asText()).isNotBlank();
    assertThat(IsolationScenario.invoke(revoking, applied(instance)).get("status").asText())
        .as("a redelivery puts nothing twice").isEqualTo("already-isolated");
  }

  @Test
  void withTheOptionOffNoRolePolicyIsWritten() {
    String instance = scenario.launchTagged(List.of(List.of(scenario.webGroup)));
    scenario.account.associateProfile(instance, "app-server");

    scenario.invoke(applied(instance));

    assertThat(scenario.iam.listRolePolicies(r -> r.roleName("app-server")).policyNames()).isEmpty();
  }

  @Test
  void anInstanceWithoutAProfileHasNoRoleToDeny() {
    String instance = scenario.launchTagged(List.of(List.of(scenario.webGroup)));

    JsonNode result = IsolationScenario.invoke(scenario.handlerWith(IsolationScenario.config("responders-isolation",
        true, true, true)), applied(instance));

    assertThat(result.get("status").asText()).isEqualTo("isolated");
    assertThat(scenario.iam.listRolePolicies(r -> r.roleName("responders-isolation")).policyNames()).isEmpty();
  }
}
