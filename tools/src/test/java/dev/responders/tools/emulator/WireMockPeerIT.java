package dev.responders.tools.emulator;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okForContentType;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.ssm.SsmAsyncClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.SsmException;

/** SSM's calls go to WireMock through aws.endpointUrlSsm while EC2's still go to moto through aws.endpointUrl. */
@ExtendWith(MotoExtension.class)
@ExtendWith(WireMockPeer.class)
@WireMockPeer.ForService(SsmClient.class)
class WireMockPeerIT {

  @Test
  void anSsmClientSendsItsCallToTheWireMockPeer(WireMockServer wireMock) {
    assertThat(wireMock.getAllServeEvents()).isEmpty();
    wireMock.stubFor(post("/").withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameter"))
        .willReturn(okForContentType("application/x-amz-json-1.1", """
            {"Parameter":{"Name":"/responders/peer","Type":"String","Value":"from-wiremock","Version":7}}""")));

    Parameter parameter;
    try (SsmClient ssm = SsmClient.create()) {
      parameter = ssm.getParameter(r -> r.name("/responders/peer").withDecryption(true)).parameter();
    }

    assertThat(parameter.value()).isEqualTo("from-wiremock");
    assertThat(parameter.version()).isEqualTo(7);
    wireMock.verify(1, postRequestedFor(urlEqualTo("/"))
        .withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameter"))
        .withHeader("Content-Type", equalTo("application/x-amz-json-1.1"))
        .withHeader("Authorization", containing("Credential=testing/"))
        .withHeader("Authorization", containing("/us-east-1/ssm/aws4_request"))
        .withRequestBody(equalToJson("""
            {"Name":"/responders/peer","WithDecryption":true}""")));
    assertThat(wireMock.getAllServeEvents()).hasSize(1);
  }

  @Test
  void stubsFromEarlierTestsAreGoneSoAnUnstubbedCallFails(WireMockServer wireMock) {
    assertThat(wireMock.getAllServeEvents()).isEmpty();
    assertThat(wireMock.getStubMappings()).isEmpty();

    try (SsmClient ssm = SsmClient.create()) {
      assertThatExceptionOfType(SsmException.class)
          .isThrownBy(() -> ssm.getParameter(r -> r.name("/responders/peer")))
          .satisfies(e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    assertThat(wireMock.getAllServeEvents()).hasSize(1);
  }

  @Test
  void otherServicesStillReachMoto(WireMockServer wireMock, MotoServer moto) {
    assertThat(System.getProperty("aws.endpointUrlSsm")).isEqualTo("http://127.0.0.1:" + wireMock.port());
    assertThat(System.getProperty("aws.endpointUrl")).isEqualTo(moto.endpoint().toString());

    try (Ec2Client ec2 = Ec2Client.create()) {
      assertThat(ec2.describeVpcs().vpcs()).extracting(Vpc::isDefault).containsExactly(true);
    }

    assertThat(wireMock.getAllServeEvents()).isEmpty();
  }

  @Test
  void theEndpointPropertyIsNamedAfterTheSynchronousClientInterface() {
    assertThat(WireMockPeer.endpointProperty(SsmClient.class)).isEqualTo("aws.endpointUrlSsm");
    assertThat(WireMockPeer.endpointProperty(Ec2Client.class)).isEqualTo("aws.endpointUrlEc2");
    assertThat(WireMockPeer.endpointProperty(IamClient.class)).isEqualTo("aws.endpointUrlIam");
    assertThatIllegalArgumentException().isThrownBy(() -> WireMockPeer.endpointProperty(SsmAsyncClient.class));
  }
}
