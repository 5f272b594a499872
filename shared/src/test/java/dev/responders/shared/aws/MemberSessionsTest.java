package dev.responders.shared.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.StsException;

class MemberSessionsTest {

  private final RecordingSts sts = new RecordingSts();
  private final MemberSessions sessions = new MemberSessions(sts, "111111111111", "responders-remediation",
      "tag-isolation");

  @Test
  void theFunctionsOwnAccountUsesItsOwnCredentials() {
    assertThat(sessions.credentials("aws", "111111111111")).isNull();
    assertThat(sts.requests).isEmpty();
  }

  @Test
  void assumesTheMemberRoleOnceAtFirstUseAndKeepsItPerAccount() {
    var first = sessions.credentials("aws", "222222222222");
    var again = sessions.credentials("aws", "222222222222");
    sessions.credentials("aws", "333333333333");

    assertThat(again).isSameAs(first);
    assertThat(sts.requests).extracting(r -> r.roleArn()).containsExactly(
        "arn:aws:iam::222222222222:role/responders-remediation", "arn:aws:iam::333333333333:role/responders-remediation");
    assertThat(sts.requests.get(0).roleSessionName()).isEqualTo("tag-isolation");
    assertThat(sts.requests.get(0).durationSeconds()).isEqualTo(900);
  }

  @Test
  void renewsBeforeExpiryWithoutABackgroundThread() {
    var provider = (StsAssumeRoleCredentialsProvider) sessions.credentials("aws", "222222222222");

    assertThat(provider.prefetchTime()).isEqualTo(Duration.ofMinutes(5));
    assertThat(provider.staleTime()).isEqualTo(Duration.ofMinutes(1));
    assertThat(provider.toString()).doesNotContain("prefetchThread");
    provider.resolveCredentials();
    assertThat(sts.requests).as("a 15-minute session is not renewed yet").hasSize(1);

    sts.lifetime = Duration.ofSeconds(30);
    var shortLived = (StsAssumeRoleCredentialsProvider) sessions.credentials("aws", "444444444444");
    var renewed = shortLived.resolveCredentials();
    assertThat(sts.requests).as("with less than the stale time left the next use renews it").hasSize(3);
    assertThat(renewed.accessKeyId()).isEqualTo("AKIA3");
  }

  @Test
  void aRefusedRoleIsRaisedAtFirstUseAndNotKept() {
    sts.refuse = true;
    assertThatThrownBy(() -> sessions.credentials("aws", "222222222222")).isInstanceOf(StsException.class);
    sts.refuse = false;

    assertThat(sessions.credentials("aws", "222222222222")).isNotNull();
    assertThat(sts.requests).hasSize(2);
  }

  @Test
  void theRoleLivesInThePartitionAsked() {
    sessions.credentials("aws-us-gov", "222222222222");

    assertThat(sts.requests.get(0).roleArn()).isEqualTo("arn:aws-us-gov:iam::222222222222:role/responders-remediation");
    assertThat(MemberSessions.partitionOf(Region.US_GOV_WEST_1)).isEqualTo("aws-us-gov");
    assertThat(MemberSessions.partitionOf(Region.EU_WEST_1)).isEqualTo("aws");
  }
}
