package dev.responders.iamguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responders.shared.error.InvalidEventException;
import dev.responders.shared.event.EventBridgeEvent;
import dev.responders.shared.json.Json;
import dev.responders.tools.account.SampleEvents;
import org.junit.jupiter.api.Test;

/** Reading CloudTrail's IAM calls: the policy and the version each call made the default; typed errors. */
class PolicyChangeEventTest {

  private static ObjectNode sample(String file) {
    return (ObjectNode) Json.read(SampleEvents.read("iam-policy-guard", file), JsonNode.class);
  }

  private static PolicyChangeEvent read(JsonNode event) {
    return PolicyChangeEvent.from(EventBridgeEvent.parse(event));
  }

  @Test
  void eachCallNamesThePolicyAndTheVersionItMadeTheDefault() {
    PolicyChangeEvent created = read(sample("match/create-policy.json"));
    assertThat(created.policyArn()).isEqualTo("arn:aws:iam::123456789012:policy/data-cleanup");
    assertThat(created.versionId()).isEqualTo("v1");
    assertThat(created.callerArn()).isEqualTo("arn:aws:iam::123456789012:user/dana");
    assertThat(read(sample("match/create-policy-version-as-default.json")).versionId()).isEqualTo("v2");
    assertThat(read(sample("match/set-default-policy-version.json")).versionId()).isEqualTo("v2");
    assertThat(read(sample("match/guard-own-neutral-version.json")).callerRoleArn())
        .isEqualTo("arn:aws:iam::123456789012:role/IamPolicyGuardFunctionRole");
  }

  @Test
  void aVersionNotMadeTheDefaultNamesNoVersion() {
    assertThat(read(sample("no-match/create-policy-version-not-default.json")).versionId()).isNull();
  }

  @Test
  void aFailedCallIsReadOnlyAsFarAsItsError() {
    PolicyChangeEvent failed = read(sample("no-match/create-policy-failed.json"));
    assertThat(failed.errorCode()).isEqualTo("MalformedPolicyDocumentException");
    assertThat(failed.policyArn()).isNull();
  }

  @Test
  void setAsDefaultMustBeABoolean() {
    ObjectNode event = sample("match/create-policy-version-as-default.json");
    ((ObjectNode) event.get("detail").get("requestParameters")).put("setAsDefault", 1);
    assertThatThrownBy(() -> read(event)).isInstanceOf(InvalidEventException.class)
        .hasMessage("Invalid event: detail.requestParameters.setAsDefault must be true or false, got a number");
  }

  @Test
  void everyMissingFieldTheGuardNeedsIsNamed() {
    for (String field : new String[] {"eventSource", "eventName", "userIdentity", "responseElements"}) {
      ObjectNode event = sample("match/create-policy.json");
      ((ObjectNode) event.get("detail")).remove(field);
      assertThatThrownBy(() -> read(event)).as(field).isInstanceOf(InvalidEventException.class)
          .satisfies(e -> assertThat(((InvalidEventException) e).field()).isEqualTo("detail." + field));
    }
  }

  @Test
  void anotherServiceUnderTheIamSourceIsMalformed() {
    ObjectNode event = sample("match/create-policy.json");
    ((ObjectNode) event.get("detail")).put("eventSource", "sts.amazonaws.com");
    assertThatThrownBy(() -> read(event)).isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("detail.eventSource must be iam.amazonaws.com");
  }
}
