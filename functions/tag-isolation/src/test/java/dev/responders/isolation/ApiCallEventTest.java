package dev.responders.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responders.shared.error.InvalidEventException;
import dev.responders.shared.event.EventBridgeEvent;
import dev.responders.shared.json.Json;
import dev.responders.tools.account.SampleEvents;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The drift samples read as the drift function reads them: who called, and which resources the call named. */
class ApiCallEventTest {

  private static ApiCallEvent read(String file) {
    return parse(SampleEvents.read("tag-isolation", "drift/" + file));
  }

  private static ApiCallEvent parse(String event) {
    JsonNode json = Json.read(event, JsonNode.class);
    return ApiCallEvent.from(EventBridgeEvent.parse(json), json.get("detail"));
  }

  @Test
  void aRuleAddedNamesTheGroupItselfNotTheGroupsItsRulesReferTo() {
    ApiCallEvent call = read("match/rule-added-to-isolation-group.json");

    assertThat(call.openedGroupIds()).containsExactly("sg-0123456789abcdef0");
    assertThat(call.callerArn()).isEqualTo("arn:aws:iam::123456789012:user/dana");
    assertThat(call.callerRoleArn()).isNull();
  }

  @Test
  void theProfileReplacedIsFoundThroughTheResponseAndTheAssociation() {
    ApiCallEvent call = read("match/profile-replaced.json");

    assertThat(call.instanceIds()).containsExactly("i-0123456789abcdef0");
    assertThat(call.associationIds()).contains("iip-assoc-0123456789abcdef0");
  }

  @Test
  void eachOtherWatchedCallNamesWhatItChanged() {
    assertThat(read("match/interface-groups-changed.json").interfaceIds()).containsExactly("eni-0123456789abcdef0");
    assertThat(read("match/instance-groups-changed.json").instanceIds()).containsExactly("i-0123456789abcdef0");
    assertThat(read("match/profile-associated.json").instanceIds()).containsExactly("i-0123456789abcdef0");
    assertThat(read("match/elastic-ip-associated.json").instanceIds()).containsExactly("i-0123456789abcdef0");
    assertThat(read("match/purpose-tag-removed-from-group.json").taggedGroupIds())
        .containsExactly("sg-0123456789abcdef0");
    assertThat(read("match/purpose-tag-overwritten-on-group.json").taggedGroupIds())
        .containsExactly("sg-0123456789abcdef0");
  }

  @Test
  void theRoleBehindASessionIsTheSessionIssuerNotTheSessionName() {
    assertThat(read("match/suite-own-call.json").callerRoleArn())
        .isEqualTo("arn:aws:iam::123456789012:role/aws-event-responders-TagIsolationFunctionRole-ABC123");
    assertThat(read("match/suite-session-name-borrowed.json").callerRoleArn())
        .isEqualTo("arn:aws:iam::123456789012:role/intruder");
  }

  @Test
  void aFailedCallIsReadOnlyAsFarAsItsError() {
    ApiCallEvent call = read("no-match/rule-add-refused.json");

    assertThat(call.errorCode()).isEqualTo("Client.UnauthorizedOperation");
    assertThat(call.openedGroupIds()).isEmpty();
  }

  @Test
  void aWatchedCallWithoutItsIdsIsATypedErrorNamingTheField() {
    JsonNode json = Json.read(SampleEvents.read("tag-isolation", "drift/match/rule-added-to-isolation-group.json"),
        JsonNode.class);
    ((ObjectNode) json.get("detail").get("requestParameters")).remove("groupId");
    assertThatThrownBy(() -> parse(json.toString())).isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("detail.requestParameters.groupId");

    JsonNode bare = Json.read(SampleEvents.read("tag-isolation", "drift/match/interface-groups-changed.json"),
        JsonNode.class);
    ((ObjectNode) bare.get("detail")).putObject("requestParameters");
    assertThatThrownBy(() -> parse(bare.toString())).isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("detail.requestParameters");

    JsonNode other = Json.read(SampleEvents.read("tag-isolation", "drift/match/interface-groups-changed.json"),
        JsonNode.class);
    ((ObjectNode) other.get("detail")).put("eventSource", "iam.amazonaws.com");
    assertThatThrownBy(() -> parse(other.toString())).isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("detail.eventSource");
  }

  @Test
  void theInstanceArnFollowsThePartitionOfTheRegion() {
    ApiCallEvent call = read("match/instance-groups-changed.json");
    assertThat(call.instanceArn("i-1")).isEqualTo("arn:aws:ec2:us-east-1:123456789012:instance/i-1");
    assertThat(List.of(call.eventName())).containsExactly("ModifyInstanceAttribute");
  }
}
