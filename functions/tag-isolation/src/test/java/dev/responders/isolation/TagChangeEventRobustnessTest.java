package dev.responders.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responders.shared.error.InvalidEventException;
import dev.responders.shared.json.Json;
import dev.responders.tools.account.DamagedEvents;
import dev.responders.tools.account.SampleEvents;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every damaged form of the sample event either parses or fails with an {@link InvalidEventException} naming a
 * field: never a NullPointerException, ClassCastException or anything else that would read as a bug.
 */
class TagChangeEventRobustnessTest {

  private final String sample = SampleEvents.read("tag-isolation", "isolate-tag-applied.json");

  @Test
  void everyTruncationIsATypedError() {
    byte[] bytes = sample.getBytes(StandardCharsets.UTF_8);
    int checked = 0;
    for (int length = 0; length < bytes.length - 1; length++) {
      String truncated = new String(bytes, 0, length, StandardCharsets.UTF_8);
      if (truncated.strip().equals(sample.strip())) {
        continue;
      }
      assertFailsCleanly(truncated);
      checked++;
    }
    assertThat(checked).isGreaterThan(300);
  }

  @Test
  void everyFieldReplacedByAWrongTypeOrRemovedParsesOrIsATypedError() {
    ObjectNode original = (ObjectNode) Json.read(sample, JsonNode.class);
    List<String> paths = DamagedEvents.paths(original);
    int typedErrors = 0;
    for (DamagedEvents.Damaged damaged : DamagedEvents.wrongTypes(original, true)) {
      typedErrors += outcome(damaged.document().toString()) ? 0 : 1;
    }
    assertThat(paths).contains("detail.tags.SecurityResponse", "resources.0", "detail.changed-tag-keys.0");
    assertThat(typedErrors).as("mutations rejected with a typed error").isGreaterThan(paths.size());
  }

  /** True when the event parsed; false when it was rejected with a typed error; fails the test otherwise. */
  private static boolean outcome(String event) {
    Throwable thrown = catchThrowable(() -> parse(event));
    if (thrown == null) {
      return true;
    }
    assertThat(thrown).as("parsing %s", event).isInstanceOf(InvalidEventException.class);
    assertThat(((InvalidEventException) thrown).field()).isNotBlank();
    return false;
  }

  private static void assertFailsCleanly(String event) {
    Throwable thrown = catchThrowable(() -> parse(event));
    assertThat(thrown).as("parsing %s", event).isInstanceOf(InvalidEventException.class);
  }

  private static TagChangeEvent parse(String event) {
    return TagChangeEvent.parse(Json.readEvent(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8))));
  }

}
