package dev.responders.isolation;

import static dev.responders.isolation.IsolationScenario.applied;
import static org.assertj.core.api.Assertions.assertThat;

import dev.responders.tools.emulator.FaultProxy;
import dev.responders.tools.emulator.MotoExtension;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.model.ConnectionTrackingConfiguration;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataOptionsResponse;

/**
 * The metadata endpoint turned off at isolation (IsolationDisableInstanceMetadata) and the shortest
 * connection-tracking timeouts (with the tracked-connection cut), both recorded and restored exactly by the
 * release, over the wire (the emulator's launcher makes moto keep both as EC2 does).
 */
@ExtendWith({MotoExtension.class, FaultProxy.Extension.class})
class MetadataAndConnectionTrackingIT {

  private static final IsolationConfig METADATA_OFF = new IsolationConfig("SecurityResponse", "isolate", "release",
      "responders-isolation", "SecurityResponseStatus", "/responders/isolation", true, true, false, true,
      dev.responders.tools.account.SampleAccount.RECORD_KEY_ALIAS, IsolationScenario.SCOPE);

  private IsolationScenario scenario;
  private String instance;
  private List<String> interfaces;

  @BeforeEach
  void launch() {
    scenario = new IsolationScenario();
    instance = scenario.launchTagged(List.of(List.of(scenario.webGroup), List.of(scenario.adminGroup)));
    interfaces = scenario.account.interfacesOf(instance);
  }

  private InstanceMetadataOptionsResponse metadata() {
    return scenario.ec2.describeInstances(r -> r.instanceIds(instance)).reservations().get(0).instances().get(0)
        .metadataOptions();
  }

  private ConnectionTrackingConfiguration tracking(String eni) {
    return scenario.ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(eni)).networkInterfaces().get(0)
        .connectionTrackingConfiguration();
  }

  @Test
  void theMetadataEndpointIsTurnedOffAndTheReleaseRestoresEveryRecordedOption() {
    scenario.ec2.modifyInstanceMetadataOptions(r -> r.instanceId(instance).httpTokens("required")
        .httpPutResponseHopLimit(2));
    InstanceMetadataOptionsResponse before = metadata();

    assertThat(IsolationScenario.invoke(scenario.handlerWith(METADATA_OFF), applied(instance)).get("status").asText())
        .isEqualTo("isolated");

    assertThat(metadata().httpEndpointAsString()).isEqualTo("disabled");
    assertThat(metadata().httpTokensAsString()).as("other options untouched").isEqualTo("required");
    assertThat(scenario.recordedPriorState(instance).metadataOptions())
        .isEqualTo(new PriorState.MetadataOptions("enabled", "required", 2, "disabled", "disabled"));

    scenario.account.tag(instance, java.util.Map.of("SecurityResponse", "release"));
    var released = new TagReleaseHandler(METADATA_OFF, scenario.clients(), Clock.systemUTC());
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    released.handleRequest(new java.io.ByteArrayInputStream(IsolationScenario.releaseRequested(instance)
        .getBytes(java.nio.charset.StandardCharsets.UTF_8)), out, null);

    assertThat(out.toString()).contains("\"status\":\"released\"");
    assertThat(metadata().httpEndpointAsString()).isEqualTo(before.httpEndpointAsString());
    assertThat(metadata().httpTokensAsString()).isEqualTo(before.httpTokensAsString());
    assertThat(metadata().httpPutResponseHopLimit()).isEqualTo(before.httpPutResponseHopLimit());
  }

  @Test
  void withTheOptionOffTheMetadataOptionsAreNeitherChangedNorRecorded(FaultProxy proxy) {
    scenario.invoke(applied(instance));

    assertThat(metadata().httpEndpointAsString()).isEqualTo("enabled");
    assertThat(scenario.recordedPriorState(instance).metadataOptions()).isNull();
    assertThat(proxy.reached("ModifyInstanceMetadataOptions")).isZero();
  }

  @Test
  void everyInterfaceGetsTheShortestTrackingTimeoutsAndTheReleasePutsTheRecordedOnesBack() {
    String first = interfaces.get(0);
    scenario.ec2.modifyNetworkInterfaceAttribute(r -> r.networkInterfaceId(first)
        .connectionTrackingSpecification(c -> c.tcpEstablishedTimeout(3600)));

    scenario.invoke(applied(instance));

    for (String eni : interfaces) {
      assertThat(tracking(eni).tcpEstablishedTimeout()).isEqualTo(60);
      assertThat(tracking(eni).udpStreamTimeout()).isEqualTo(60);
      assertThat(tracking(eni).udpTimeout()).isEqualTo(30);
    }
    assertThat(scenario.recordedPriorState(instance).interfaces().get(0).tracking())
        .isEqualTo(new PriorState.ConnectionTracking(3600, 180, 30));

    assertThat(scenario.release(instance).get("status").asText()).isEqualTo("released");

    assertThat(tracking(first).tcpEstablishedTimeout()).isEqualTo(3600);
    assertThat(tracking(interfaces.get(1)).tcpEstablishedTimeout()).as("EC2's default").isEqualTo(432000);
    assertThat(tracking(interfaces.get(1)).udpStreamTimeout()).isEqualTo(180);
  }
}
