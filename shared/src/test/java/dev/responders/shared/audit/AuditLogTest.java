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
}
