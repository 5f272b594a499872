package dev.responders.tools.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.responders.tools.RepositoryRoot;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

@ExtendWith(MotoExtension.class)
class MotoServerIT {

  private static final Path ROOT = RepositoryRoot.find();
  private static final Path PYTHON = ROOT.resolve(".venv/bin/python");
  private static final Path LAUNCHER = ROOT.resolve("tools/emulator/moto_launcher.py");

  @Test
  void clientsBuiltWithoutAnEndpointTalkToMotoThroughTheSystemProperties(MotoServer moto) {
    assertThat(System.getProperty("aws.endpointUrl")).isEqualTo(moto.endpoint().toString());
    assertThat(moto.endpoint().getHost()).isEqualTo("127.0.0.1");

    try (Ec2Client ec2 = Ec2Client.create()) {
      String vpc = ec2.createVpc(r -> r.cidrBlock("10.40.0.0/16")).vpc().vpcId();
      assertThat(ec2.describeVpcs(r -> r.vpcIds(vpc)).vpcs()).extracting(Vpc::cidrBlock).containsExactly("10.40.0.0/16");

      moto.reset();

      assertThat(ec2.describeVpcs().vpcs()).extracting(Vpc::vpcId).doesNotContain(vpc);
    }
  }

  @Test
  void aClientFollowsTheEndpointPropertyWhenItIsBuilt(MotoServer moto) {
    String motoEndpoint = System.getProperty("aws.endpointUrl");
    System.setProperty("aws.endpointUrl", "http://127.0.0.1:1");
    try (Ec2Client elsewhere = Ec2Client.builder().overrideConfiguration(o -> o.retryStrategy(s -> s.maxAttempts(1)))
        .build()) {
      assertThatExceptionOfType(SdkClientException.class).isThrownBy(elsewhere::describeVpcs)
          .withRootCauseInstanceOf(ConnectException.class);
    } finally {
      System.setProperty("aws.endpointUrl", motoEndpoint);
    }
    try (Ec2Client ec2 = Ec2Client.create()) {
      assertThat(ec2.describeVpcs().vpcs()).extracting(Vpc::isDefault).containsExactly(true);
    }
  }

  @Test
  void resetForgetsEveryService(MotoServer moto) {
    try (SsmClient ssm = SsmClient.create(); Ec2Client ec2 = Ec2Client.create()) {
      ssm.putParameter(r -> r.name("/responders/probe").value("1").type(ParameterType.STRING));
      ec2.createVpc(r -> r.cidrBlock("10.41.0.0/16"));

      moto.reset();

      assertThatExceptionOfType(ParameterNotFoundException.class)
          .isThrownBy(() -> ssm.getParameter(r -> r.name("/responders/probe")));
      assertThat(ec2.describeVpcs().vpcs()).extracting(Vpc::isDefault).containsExactly(true);
    }
  }

  /** Without the reset before each test, the second repetition would find the parameter already there. */
  @RepeatedTest(2)
  void everyTestStartsFromAnEmptyAccount() {
    try (SsmClient ssm = SsmClient.create()) {
      long version = ssm.putParameter(r -> r.name("/responders/once").value("1").type(ParameterType.STRING)
          .overwrite(false)).version();

      assertThat(version).isEqualTo(1);
    }
  }

  @Test
  void closingStopsTheEmulator() throws Exception {
    URI endpoint;
    try (MotoServer own = MotoServer.start()) {
      endpoint = own.endpoint();
      own.reset();
      assertThat(own.lastOutputLines()).contains("moto ready on " + endpoint);
    }
    assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> get(endpoint));
  }

  @Test
  void aMissingPythonPointsToTheSetupScript() {
    assertThatThrownBy(() -> MotoServer.start(ROOT.resolve("no-such-venv/bin/python"), LAUNCHER))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no-such-venv/bin/python")
        .hasMessageContaining("run bin/setup");
  }

  @Test
  void aLauncherThatDiesBeforeItIsReadyReportsItsExitStatusAndOutput() {
    assertThatThrownBy(() -> MotoServer.start(PYTHON, ROOT.resolve("tools/emulator/no_such_launcher.py")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exited with status 2 before it was ready")
        .hasMessageContaining("no_such_launcher.py");
  }

  private static int get(URI uri) throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).GET().build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
