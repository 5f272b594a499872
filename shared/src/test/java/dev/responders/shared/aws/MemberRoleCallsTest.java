package dev.responders.shared.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MemberRoleCallsTest {

  private static final MemberRoleCalls CALLS = new MemberRoleCalls("responders-remediation", "111111111111");
  private static final Set<String> OURS = Set.of("iam-policy-guard", "iam-policy-guard-decision");
  private static final String ROLE_B = "arn:aws:iam::222222222222:role/responders-remediation";

  @Test
  void aSessionOfTheMemberRoleInTheEventsAccountWithOurNameIsOurs() {
    assertThat(CALLS.session("222222222222",
        "arn:aws:sts::222222222222:assumed-role/responders-remediation/iam-policy-guard", ROLE_B, OURS))
        .contains("iam-policy-guard");
    assertThat(CALLS.session("222222222222",
        "arn:aws-us-gov:sts::222222222222:assumed-role/responders-remediation/iam-policy-guard-decision",
        "arn:aws-us-gov:iam::222222222222:role/responders-remediation", OURS)).contains("iam-policy-guard-decision");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      // someone else's session of the member role (another function, or a person who got hold of the role)
      "other session|222222222222|arn:aws:sts::222222222222:assumed-role/responders-remediation/dana|" + ROLE_B,
      // our session name on another role of the account
      "other role|222222222222|arn:aws:sts::222222222222:assumed-role/admin/iam-policy-guard|arn:aws:iam::222222222222:role/admin",
      // a role of the same name under a path is another role
      "role under a path|222222222222|arn:aws:sts::222222222222:assumed-role/responders-remediation/iam-policy-guard|arn:aws:iam::222222222222:role/x/responders-remediation",
      // the member role of account C acting in account B's event
      "other account's role|222222222222|arn:aws:sts::333333333333:assumed-role/responders-remediation/iam-policy-guard|arn:aws:iam::333333333333:role/responders-remediation",
      // the home account: the function acts there with its own role, never the member role
      "home account|111111111111|arn:aws:sts::111111111111:assumed-role/responders-remediation/iam-policy-guard|arn:aws:iam::111111111111:role/responders-remediation",
      // a longer session name that starts with ours
      "prefix of the name|222222222222|arn:aws:sts::222222222222:assumed-role/responders-remediation/iam-policy-guard-x|" + ROLE_B,
      "not an ARN|222222222222|iam-policy-guard|responders-remediation"})
  void anythingElseIsNot(String label, String account, String callerArn, String roleArn) {
    assertThat(CALLS.session(account, callerArn, roleArn, OURS)).as(label).isEmpty();
  }

  @Test
  void aCallWithoutASessionIsNot() {
    assertThat(CALLS.session("222222222222", "arn:aws:iam::222222222222:user/dana", null, OURS)).isEmpty();
  }
}
