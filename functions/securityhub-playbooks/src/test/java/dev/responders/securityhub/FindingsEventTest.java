package dev.responders.securityhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responders.shared.error.InvalidEventException;
import dev.responders.shared.event.EventBridgeEvent;
import dev.responders.shared.json.Json;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every finding and every resource of a Security Hub event, read before anything is done. */
class FindingsEventTest {

  private static FindingsEvent parse(String json) {
    return FindingsEvent.from(EventBridgeEvent.parse(Json.read(json, JsonNode.class)), PlaybooksScenario.ACTIONS);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "match/custom-action-consolidated.json, IAM.7",
      "match/custom-action-cis-1.2.0.json, KMS.4",
      "match/custom-action-cis-1.4.0.json, CloudTrail.4",
      "match/custom-action-cis-3.0.0.json, KMS.4",
      "match/custom-action-fsbp.json, IAM.3",
      "match/imported-failed-new.json, KMS.4"})
  void readsTheControlOfEverySampleIdFormat(String file, String control) {
    assertThat(parse(PlaybooksScenario.sample(file)).findings().get(0).controlId()).contains(control);
  }

  @Test
  void readsEveryFindingAndEveryResourceOfACustomAction() {
    FindingsEvent event = parse(PlaybooksScenario.sample("match/custom-action-three-findings.json"));

    assertThat(event.mode()).isEqualTo(FindingsEvent.Mode.CUSTOM_ACTION);
    assertThat(event.findings()).hasSize(3);
    assertThat(event.findings().get(1).resources()).extracting(FindingResource::id).containsExactly(
        "arn:aws:kms:us-east-1:123456789012:key/" + PlaybooksScenario.SAMPLE_KEY,
        "arn:aws:kms:us-east-1:123456789012:key/" + PlaybooksScenario.SAMPLE_KEY_2);
    assertThat(event.findings().get(0).resources().get(0).isAccount()).isTrue();
  }

  @Test
  void readsTheExemptionTagFromTheResource() {
    FindingResource resource = parse(PlaybooksScenario.sample("match/custom-action-exempt.json")).findings().get(0)
        .resources().get(0);

    assertThat(resource.tags()).containsEntry("responders:exempt", "true");
  }

  @Test
  void anEventWithoutFindingsIsMalformed() {
    assertMalformed(detail -> detail.putArray("findings"), "detail.findings");
    assertMalformed(detail -> detail.remove("findings"), "detail.findings");
  }

  @Test
  void aFindingWithoutResourcesIsMalformed() {
    assertMalformed(detail -> finding(detail, 1).remove("Resources"), "detail.findings[1].Resources");
    assertMalformed(detail -> finding(detail, 2).putArray("Resources"), "detail.findings[2].Resources");
  }

  @Test
  void aControlIdThatIsNoStringIsMalformed() {
    assertMalformed(detail -> ((ObjectNode) finding(detail, 0).get("Compliance")).put("SecurityControlId", 7),
        "detail.findings[0].Compliance.SecurityControlId");
    assertMalformed(detail -> ((ObjectNode) finding(detail, 0).get("Compliance")).putArray("SecurityControlId"),
        "detail.findings[0].Compliance.SecurityControlId");
  }

  @Test
  void aResourceWithoutIdOrRegionIsMalformed() {
    assertMalformed(detail -> ((ObjectNode) finding(detail, 1).get("Resources").get(1)).remove("Id"),
        "detail.findings[1].Resources[1].Id");
    assertMalformed(detail -> ((ObjectNode) finding(detail, 1).get("Resources").get(0)).put("Region", 1),
        "detail.findings[1].Resources[0].Region");
  }

  @Test
  void aFindingThatIsNoObjectIsMalformed() {
    assertMalformed(detail -> ((com.fasterxml.jackson.databind.node.ArrayNode) detail.get("findings")).add("x"),
        "detail.findings[3]");
  }

  private static ObjectNode finding(ObjectNode detail, int index) {
    return (ObjectNode) detail.get("findings").get(index);
  }

  private static void assertMalformed(Consumer<ObjectNode> breakDetail, String field) {
    ObjectNode event = (ObjectNode) Json.read(PlaybooksScenario.sample("match/custom-action-three-findings.json"),
        JsonNode.class);
    breakDetail.accept((ObjectNode) event.get("detail"));
    assertThatThrownBy(() -> parse(event.toString()))
        .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.field()).isEqualTo(field));
  }

  @Test
  void onlyFailedActiveOpenFindingsAreInScope() {
    List<String> reasons = List.of("match/custom-action-passed.json", "no-match/imported-resolved.json",
        "no-match/imported-archived.json").stream()
        .map(f -> parse(PlaybooksScenario.sample(f)).findings().get(0).outOfScopeReason().orElseThrow()).toList();

    assertThat(reasons).containsExactly("compliance status is PASSED, not FAILED or WARNING",
        "workflow status is RESOLVED: someone already closed it", "record state is ARCHIVED, not ACTIVE");
  }
}
