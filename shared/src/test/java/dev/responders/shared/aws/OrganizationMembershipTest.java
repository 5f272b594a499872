package dev.responders.shared.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.AccountNotFoundException;
import software.amazon.awssdk.services.organizations.model.AccountStatus;
import software.amazon.awssdk.services.organizations.model.DescribeAccountRequest;
import software.amazon.awssdk.services.organizations.model.DescribeAccountResponse;
import software.amazon.awssdk.services.organizations.model.TooManyRequestsException;

class OrganizationMembershipTest {

  private Instant now = Instant.parse("2026-12-02T12:00:00Z");
  private final List<String> asked = new ArrayList<>();
  private final Map<String, AccountStatus> members = new java.util.HashMap<>(Map.of(
      "222222222222", AccountStatus.ACTIVE, "333333333333", AccountStatus.SUSPENDED));
  private boolean throttled;

  private final OrganizationsClient organizations = new OrganizationsClient() {
    @Override
    public DescribeAccountResponse describeAccount(DescribeAccountRequest request) {
      asked.add(request.accountId());
      if (throttled) {
        throw TooManyRequestsException.builder().statusCode(400).message("slow down").build();
      }
      AccountStatus status = members.get(request.accountId());
      if (status == null) {
        throw AccountNotFoundException.builder().statusCode(400).message("not found").build();
      }
      return DescribeAccountResponse.builder().account(Account.builder().id(request.accountId()).status(status)
          .build()).build();
    }

    @Override
    public String serviceName() {
      return "organizations";
    }

    @Override
    public void close() {
    }
  };

  private final OrganizationMembership membership = new OrganizationMembership(organizations, "111111111111",
      new Clock() {
        @Override
        public Instant instant() {
          return now;
        }

        @Override
        public java.time.ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }
      });

  @Test
  void theFunctionsOwnAccountIsAMemberWithoutACall() {
    assertThat(membership.outsideReason("111111111111")).isEmpty();
    assertThat(asked).isEmpty();
  }

  @Test
  void anActiveMemberIsAskedForOncePerFiveMinutes() {
    assertThat(membership.outsideReason("222222222222")).isEmpty();
    now = now.plus(Duration.ofMinutes(4));
    assertThat(membership.outsideReason("222222222222")).isEmpty();
    assertThat(asked).hasSize(1);

    now = now.plus(Duration.ofMinutes(2));
    members.remove("222222222222");
    assertThat(membership.outsideReason("222222222222")).as("left the organization, noticed after the TTL")
        .hasValueSatisfying(why -> assertThat(why).contains("not in the organization"));
    assertThat(asked).hasSize(2);
  }

  @Test
  void anAccountOutsideTheOrganizationIsRefusedAndAskedForAgainAfterAMinute() {
    assertThat(membership.outsideReason("999999999999")).hasValue("account 999999999999 is not in the organization"
        + " (organizations:DescribeAccount: AccountNotFoundException): the suite acts only for its member accounts");
    assertThat(membership.outsideReason("999999999999")).isPresent();
    assertThat(asked).hasSize(1);

    now = now.plus(Duration.ofSeconds(61));
    members.put("999999999999", AccountStatus.ACTIVE);
    assertThat(membership.outsideReason("999999999999")).as("invited since").isEmpty();
  }

  @Test
  void aSuspendedAccountIsOutOfScope() {
    assertThat(membership.outsideReason("333333333333")).hasValueSatisfying(why ->
        assertThat(why).startsWith("account 333333333333 is SUSPENDED in the organization, not ACTIVE"));
  }

  @Test
  void aThrottledAnswerIsRaisedAndNotKept() {
    throttled = true;
    assertThatThrownBy(() -> membership.outsideReason("222222222222")).isInstanceOf(TooManyRequestsException.class);
    throttled = false;

    assertThat(membership.outsideReason("222222222222")).isEmpty();
    assertThat(asked).hasSize(2);
  }
}
