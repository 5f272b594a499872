package dev.responders.shared.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccountScopeTest {

  private static final Arn MEMBER_INSTANCE = Arn.parse("arn:aws:ec2:eu-west-1:222222222222:instance/i-0abc", "r");

  @Test
  void singleAccountModeRefusesAnotherAccountOrRegion() {
    AccountScope single = new AccountScope("111111111111", "us-east-1");

    assertThat(single.outsideReason("222222222222", "eu-west-1", MEMBER_INSTANCE))
        .hasValue("event is from account 222222222222, this function acts in account 111111111111");
    assertThat(single.outsideReason("111111111111", "eu-west-1", null))
        .hasValue("event is from region eu-west-1, this function acts in region us-east-1");
  }

  @Test
  void organizationModeAcceptsAnyAccountAndRegionForItsOwnResources() {
    AccountScope organization = new AccountScope("111111111111", "us-east-1", DeploymentMode.ORGANIZATION);

    assertThat(organization.outsideReason("222222222222", "eu-west-1", MEMBER_INSTANCE)).isEmpty();
    assertThat(organization.outsideReason("333333333333", "eu-west-1", MEMBER_INSTANCE))
        .hasValue("resource is in account 222222222222, the event is of account 333333333333");
    assertThat(organization.outsideReason("222222222222", "us-east-1", MEMBER_INSTANCE))
        .hasValue("resource is in region eu-west-1, the event is of region us-east-1");
  }
}
