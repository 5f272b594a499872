package dev.responders.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responders.shared.error.InvalidEventException;
import dev.responders.shared.json.Json;
import dev.responders.tools.account.DamagedEvents;
import dev.responders.tools.account.SampleEvents;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every damaged form of both sample event shapes (each field of every wrong type, each field removed) either
 * parses or is refused with an {@link InvalidEventException} naming a field: never a NullPointerException or a
 * ClassCastException that would read as a bug.
 */
class CatalogChangeEventRobustnessTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"match/partitions-created.json", "match/table-created.json"})
  void everyWrongTypedOrRemovedFieldIsReadOrATypedErrorNamingAField(String file) {
    ObjectNode original = (ObjectNode) Json.read(SampleEvents.read("glue-set-type-fixer", file), JsonNode.class);
    int refused = 0;
    for (DamagedEvents.Damaged damaged : DamagedEvents.wrongTypes(original, true)) {
      Throwable thrown = catchThrowable(() -> CatalogChangeEvent.parse(damaged.document()));
      if (thrown != null) {
        assertThat(thrown).as("%s %s", damaged.path(), damaged.removed() ? "removed" : "replaced")
            .isInstanceOf(InvalidEventException.class);
        assertThat(((InvalidEventException) thrown).field()).isNotBlank();
        refused++;
      }
    }
    assertThat(refused).as("damaged copies refused").isGreaterThan(DamagedEvents.paths(original).size());
  }
}
