package dev.responders.shared.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.shared.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditLogTest {

  @Test
  void writesOneJsonLinePerMutationAndDecision() throws Exception {
    List<String> lines = new ArrayList<>();
    AuditLog audit = new AuditLog("tag-isolation", "event-1", lines::add,
        Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC));

    audit.decision("isolate", "i-1", "tag applied");
    audit.changed("ec2:ModifyNetworkInterfaceAttribute", "eni-1", List.of("sg-a"), List.of("sg-iso"), null);
    audit.unchanged("ec2:CreateTags", "i-1", "isolated", "already tagged");

    assertThat(lines).hasSize(3).allSatisfy(line -> assertThat(line).doesNotContain("\n"));
    JsonNode mutation = Json.MAPPER.readTree(lines.get(1));
    assertThat(mutation.get("kind").asText()).isEqualTo("mutation");
    assertThat(mutation.get("handler").asText()).isEqualTo("tag-isolation");
    assertThat(mutation.get("event_id").asText()).isEqualTo("event-1");
    assertThat(mutation.get("action").asText()).isEqualTo("ec2:ModifyNetworkInterfaceAttribute");
    assertThat(mutation.get("before").get(0).asText()).isEqualTo("sg-a");
    assertThat(mutation.get("after").get(0).asText()).isEqualTo("sg-iso");
    assertThat(mutation.get("outcome").asText()).isEqualTo("changed");
    assertThat(mutation.get("time").asText()).isEqualTo("2026-11-26T10:00:00Z");
    assertThat(audit.changes()).extracting(AuditRecord::target).containsExactly("eni-1");
  }

  @Test
  void anOutcomeIsOneEmbeddedMetricFormatLineCloudWatchTurnsIntoACount() throws Exception {
    List<String> lines = new ArrayList<>();
    AuditLog audit = new AuditLog("tag-isolation", "event-1", lines::add,
        Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC));

    audit.outcome(Sample.ALREADY_ISOLATED);

    JsonNode line = Json.MAPPER.readTree(lines.get(0));
    JsonNode directive = line.get("_aws").get("CloudWatchMetrics").get(0);
    assertThat(line.get("_aws").get("Timestamp").asLong()).isEqualTo(Instant.parse("2026-11-26T10:00:00Z").toEpochMilli());
    assertThat(directive.get("Namespace").asText()).isEqualTo("AwsEventResponders");
    assertThat(directive.get("Dimensions").toString()).isEqualTo("[[\"Function\"]]");
    assertThat(directive.get("Metrics")).hasSize(1);
    assertThat(directive.get("Metrics").get(0).get("Name").asText()).isEqualTo("AlreadyIsolated");
    assertThat(directive.get("Metrics").get(0).get("Unit").asText()).isEqualTo("Count");
    assertThat(line.get("Function").asText()).isEqualTo("tag-isolation");
    assertThat(line.get("AlreadyIsolated").asInt()).isEqualTo(1);
  }

  @Test
  void severalCountsShareOneLineAndZeroesAreLeftOut() throws Exception {
    List<String> lines = new ArrayList<>();
    AuditLog audit = new AuditLog("securityhub-playbooks", "event-1", lines::add, Clock.systemUTC());

    audit.metrics(java.util.Map.of("FindingsRemediated", 3, "FindingsFailed", 0, "FindingsExempt", 1));
    audit.metrics(java.util.Map.of("FindingsFailed", 0));

    assertThat(lines).hasSize(1);
    JsonNode line = Json.MAPPER.readTree(lines.get(0));
    assertThat(line.get("_aws").get("CloudWatchMetrics").get(0).get("Metrics").findValuesAsText("Name"))
        .containsExactly("FindingsExempt", "FindingsRemediated");
    assertThat(line.get("FindingsRemediated").asInt()).isEqualTo(3);
    assertThat(line.has("FindingsFailed")).isFalse();
  }

  @Test
  void countedWorkIsCountedByItsOutcomeOrAsFailedWhenItThrows() {
    List<String> lines = new ArrayList<>();
    AuditLog audit = new AuditLog("h", "e", lines::add, Clock.systemUTC());

    assertThat(audit.counted(() -> Sample.NOTHING_TO_FIX, outcome -> outcome)).isEqualTo(Sample.NOTHING_TO_FIX);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> audit.counted(() -> {
      throw new IllegalStateException("denied");
    }, outcome -> Sample.NOTHING_TO_FIX)).hasMessage("denied");

    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).contains("\"NothingToFix\":1");
    assertThat(lines.get(1)).contains("\"Failed\":1").doesNotContain("NothingToFix");
  }

  private enum Sample { ALREADY_ISOLATED, NOTHING_TO_FIX }
}
