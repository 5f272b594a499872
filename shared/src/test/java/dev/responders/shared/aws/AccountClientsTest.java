package dev.responders.shared.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sts.model.StsException;

class AccountClientsTest {

  private final RecordingSts sts = new RecordingSts();
  private final List<String> builds = new ArrayList<>();
  private final AccountClients<String> clients = new AccountClients<>(
      new AccountScope("111111111111", "us-east-1", DeploymentMode.ORGANIZATION), "home",
      (region, credentials) -> {
        String built = region.id() + (credentials == null ? " own" : " " + credentials.resolveCredentials()
            .accessKeyId());
        builds.add(built);
        return built;
      }, new MemberSessions(sts, "111111111111", "responders-remediation", "test"));

  @Test
  void buildsOncePerAccountAndRegion() {
    assertThat(clients.in("111111111111", "us-east-1")).isEqualTo("home");
    assertThat(clients.in("222222222222", "eu-west-1")).isEqualTo("eu-west-1 AKIA1");
    assertThat(clients.in("222222222222", "eu-west-1")).isEqualTo("eu-west-1 AKIA1");
    assertThat(clients.in("222222222222", "us-east-1")).as("the account's one session, another region")
        .isEqualTo("us-east-1 AKIA1");
    assertThat(clients.in("111111111111", "eu-west-1")).as("own account, other region").isEqualTo("eu-west-1 own");

    assertThat(builds).hasSize(3);
    assertThat(clients.reached()).isEqualTo(3);
    assertThat(sts.requests).hasSize(1);
  }

  @Test
  void aRoleThatCannotBeAssumedLeavesNothingBuilt() {
    sts.refuse = true;

    assertThatThrownBy(() -> clients.in("222222222222", "eu-west-1")).isInstanceOf(StsException.class);
    assertThat(builds).isEmpty();
    assertThat(clients.reached()).isZero();
  }

  @Test
  void singleAccountModeNeverReachesAnotherAccount() {
    AccountClients<String> single = new AccountClients<>(new AccountScope("111111111111", "us-east-1"), "home",
        (region, credentials) -> "built", null);

    assertThat(single.in("111111111111", "us-east-1")).isEqualTo("home");
    assertThat(single.in("111111111111", "eu-west-1")).as("its own account in another region").isEqualTo("built");
    assertThatThrownBy(() -> single.in("222222222222", "us-east-1")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("single-account mode");
  }
}
