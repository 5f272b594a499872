package dev.responders.tools.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.SnsException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.SsmException;

@ExtendWith({MotoExtension.class, FaultProxy.Extension.class})
class FaultProxyIT {

  @Test
  void clientsTalkToTheEmulatorThroughTheProxy(FaultProxy proxy, MotoServer moto) {
    assertThat(System.getProperty("aws.endpointUrl")).isEqualTo(proxy.endpoint().toString())
        .isNotEqualTo(moto.endpoint().toString());
    try (Ec2Client ec2 = Ec2Client.create()) {
      String vpc = ec2.createVpc(r -> r.cidrBlock("10.50.0.0/16")).vpc().vpcId();

      assertThat(ec2.describeVpcs(r -> r.vpcIds(vpc)).vpcs()).hasSize(1);
    }
    assertThat(proxy.reachedInOrder()).containsExactly("CreateVpc", "DescribeVpcs");
  }

  @Test
  void anEc2DenialIsTheErrorEc2WouldGiveAndNeverReachesTheEmulator(FaultProxy proxy) {
    proxy.fail("CreateVpc", AwsFault.accessDenied(), 1);
    try (Ec2Client ec2 = Ec2Client.create()) {
      assertThatThrownBy(() -> ec2.createVpc(r -> r.cidrBlock("10.51.0.0/16")))
          .isInstanceOfSatisfying(Ec2Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnauthorizedOperation");
          });
      assertThat(ec2.describeVpcs().vpcs()).as("the denied call created nothing").hasSize(1);

      ec2.createVpc(r -> r.cidrBlock("10.51.0.0/16"));
    }
    assertThat(proxy.attempts("CreateVpc")).isEqualTo(2);
    assertThat(proxy.reached("CreateVpc")).isEqualTo(1);
  }

  @Test
  void aThrottledJsonCallIsRetriedByTheSdkAndSucceeds(FaultProxy proxy) {
    proxy.fail("PutParameter", AwsFault.throttling(), 2);
    try (SsmClient ssm = SsmClient.create()) {
      ssm.putParameter(r -> r.name("/p").value("v").type(ParameterType.STRING));

      assertThat(ssm.getParameter(r -> r.name("/p")).parameter().value()).isEqualTo("v");
    }
    assertThat(proxy.attempts("PutParameter")).isEqualTo(3);
    assertThat(proxy.reached("PutParameter")).isEqualTo(1);
  }

  @Test
  void aJsonDenialCarriesItsCode(FaultProxy proxy) {
    proxy.failAlways("GetParameter", AwsFault.accessDenied());
    try (SsmClient ssm = SsmClient.create()) {
      assertThatThrownBy(() -> ssm.getParameter(r -> r.name("/p")))
          .isInstanceOfSatisfying(SsmException.class,
              e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
      proxy.heal("GetParameter");
      assertThatThrownBy(() -> ssm.getParameter(r -> r.name("/p")))
          .isInstanceOfSatisfying(SsmException.class,
              e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ParameterNotFound"));
    }
  }

  @Test
  void aQueryServiceErrorIsRetriedThenRaised(FaultProxy proxy) {
    proxy.failAlways("ListTopics", AwsFault.serverError());
    try (SnsClient sns = SnsClient.builder()
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy())).build()) {
      assertThatThrownBy(sns::listTopics).isInstanceOfSatisfying(SnsException.class, e -> {
        assertThat(e.statusCode()).isEqualTo(500);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalFailure");
      });
    }
    assertThat(proxy.attempts("ListTopics")).as("the standard retry strategy the handlers use: 3 attempts").isEqualTo(3);
    assertThat(proxy.reached("ListTopics")).isZero();
  }

  @Test
  void aHungCallTimesOutInTheClientButMayStillHappen(FaultProxy proxy) {
    proxy.hang("CreateVpc", Duration.ofMillis(1500), 1);
    try (Ec2Client ec2 = Ec2Client.builder().overrideConfiguration(o -> o
        .apiCallAttemptTimeout(Duration.ofMillis(300)).retryStrategy(s -> s.maxAttempts(1))).build()) {
      assertThatThrownBy(() -> ec2.createVpc(r -> r.cidrBlock("10.52.0.0/16")))
          .isInstanceOfAny(ApiCallAttemptTimeoutException.class, SdkClientException.class);
    }
    try (Ec2Client ec2 = Ec2Client.create()) {
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      int found = 0;
      while (found == 0 && System.nanoTime() < deadline) {
        found = ec2.describeVpcs(r -> r.filters(f -> f.name("cidr").values("10.52.0.0/16"))).vpcs().size();
      }
      assertThat(found).as("the call the client gave up on was made all the same").isEqualTo(1);
    }
    assertThat(proxy.reached("CreateVpc")).isEqualTo(1);
  }

  @Test
  void somethingDoneInBetweenHappensBeforeTheRequestReachesTheEmulator(FaultProxy proxy) {
    try (SsmClient ssm = SsmClient.create()) {
      proxy.interleave("PutParameter", () -> ssm.putParameter(r -> r.name("/raced").value("first")
          .type(ParameterType.STRING)));

      assertThatThrownBy(() -> ssm.putParameter(r -> r.name("/raced").value("second").type(ParameterType.STRING)))
          .isInstanceOf(software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException.class);
      assertThat(ssm.getParameter(r -> r.name("/raced")).parameter().value()).isEqualTo("first");
    }
    assertThat(proxy.reached("PutParameter")).isEqualTo(2);
  }
}
