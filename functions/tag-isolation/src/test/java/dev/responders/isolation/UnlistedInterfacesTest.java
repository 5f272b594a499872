package dev.responders.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;

/**
 * Which interfaces found beyond the listed ones the function may isolate. The emulator cannot create the refused
 * kinds (EC2 sets RequesterManaged and Operator itself, for interfaces services create), so the decision is tested
 * on the values DescribeNetworkInterfaces returns.
 */
class UnlistedInterfacesTest {

  @Test
  void aRequesterManagedInterfaceIsReportedNamingWhoManagesIt() {
    NetworkInterface ecs = NetworkInterface.builder().networkInterfaceId("eni-1").vpcId("vpc-1")
        .interfaceType("interface").requesterManaged(true).requesterId("578734482556").build();

    assertThat(UnlistedInterfaces.refusal(ecs)).contains("requester-managed", "578734482556");
  }

  @Test
  void anOperatorManagedInterfaceIsReportedNamingTheOperator() {
    NetworkInterface managed = NetworkInterface.builder().networkInterfaceId("eni-2").vpcId("vpc-1")
        .requesterManaged(false).operator(o -> o.managed(true).principal("eks.amazonaws.com")).build();

    assertThat(UnlistedInterfaces.refusal(managed)).contains("managed by eks.amazonaws.com");
  }

  @Test
  void aBranchInterfaceOfAPodIsIsolated() {
    NetworkInterface branch = NetworkInterface.builder().networkInterfaceId("eni-3").vpcId("vpc-1")
        .interfaceType("branch").requesterManaged(false).requesterId("895095153028")
        .operator(o -> o.managed(false)).build();

    assertThat(UnlistedInterfaces.refusal(branch)).isNull();
  }
}
