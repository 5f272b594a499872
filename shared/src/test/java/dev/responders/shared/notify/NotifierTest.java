package dev.responders.shared.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.responders.shared.audit.AuditLog;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotifierTest {

  @Test
  void withoutATopicNothingIsSentOrAudited() {
    List<String> lines = new ArrayList<>();
    AuditLog audit = new AuditLog("h", "e", lines::add, Clock.systemUTC());

    assertThat(Notifier.disabled().notify("h", "isolated", "subject", Map.of("a", 1), audit))
        .isEqualTo(Delivery.NOT_CONFIGURED);
    assertThat(new Notifier(null, " ").notify("h", "isolated", "subject", Map.of(), audit))
        .isEqualTo(Delivery.NOT_CONFIGURED);
    assertThat(lines).isEmpty();
  }

  @Test
  void subjectsAreMadeAcceptableToSns() {
    assertThat(Notifier.subject("Isolated i-1\nweb \u00e9")).isEqualTo("Isolated i-1?web ?");
    assertThat(Notifier.subject("x".repeat(150))).hasSize(100).endsWith("...");
  }
}
