package dev.responders.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responders.shared.aws.AccountScope;
import dev.responders.shared.error.InvalidEventException;
import dev.responders.shared.event.EventBridgeEvent;
import dev.responders.shared.json.Json;
import dev.responders.tools.account.SampleEvents;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CatalogChangeEventTest {

  static final GlueFixerConfig EVERY_DATABASE = new GlueFixerConfig(Set.of(),
      new AccountScope("123456789012", "us-east-1"));

  private static ObjectNode sample(String file) {
    return (ObjectNode) Json.read(SampleEvents.read("glue-set-type-fixer", file), JsonNode.class);
  }

  private static CatalogChangeEvent parse(JsonNode json) {
    return CatalogChangeEvent.parse(json);
  }

  @Test
  void readsATableStateChangeWithItsChangedPartitions() {
    CatalogChangeEvent event = parse(sample("match/partitions-created.json"));

    assertThat(event.database()).isEqualTo("dynamodb_exports");
    assertThat(event.tables()).containsExactly("orders");
    assertThat(event.typeOfChange()).isEqualTo("BatchCreatePartition");
    assertThat(event.changedPartitions()).containsExactly("[2026, 11, 29]", "[2026, 11, 30]");
    assertThat(event.partitionChange()).isTrue();
    assertThat(event.outOfScopeReason(EVERY_DATABASE)).isEmpty();
  }

  @Test
  void readsADatabaseStateChangeNamingItsNewTables() {
    CatalogChangeEvent event = parse(sample("match/table-created.json"));

    assertThat(event.tables()).containsExactly("orders");
    assertThat(event.partitionChange()).isFalse();
    assertThat(event.outOfScopeReason(EVERY_DATABASE)).isEmpty();
  }

  @Test
  void anUpdateTableEventHasNoChangedPartitionsAndChecksThemAll() {
    CatalogChangeEvent event = parse(sample("match/table-updated.json"));

    assertThat(event.changedPartitions()).isEmpty();
    assertThat(event.partitionChange()).isFalse();
  }

  @ParameterizedTest(name = "{0} writes no column types")
  @ValueSource(strings = {"no-match/partitions-deleted.json", "no-match/table-deleted.json",
      "no-match/create-table-as-table-change.json", "no-match/update-table-as-database-change.json"})
  void deletionsAndMismatchedKindsAreOutOfScope(String file) {
    assertThat(parse(sample(file)).outOfScopeReason(EVERY_DATABASE)).hasValueSatisfying(reason ->
        assertThat(reason).contains("writes no column types"));
  }

  @Test
  void aCrawlerRunIsNoCatalogChange() {
    assertThat(CatalogChangeEvent.notACatalogChange(EventBridgeEvent.parse(sample("no-match/crawler-succeeded.json"))))
        .hasValue("event is 'Glue Crawler State Change' from 'aws.glue', not a Glue Data Catalog table or database"
            + " state change");
  }

  @Test
  void aDatabaseOutsideTheConfiguredOnesIsOutOfScope() {
    GlueFixerConfig analytics = new GlueFixerConfig(Set.of("analytics"), EVERY_DATABASE.scope());
    assertThat(parse(sample("match/table-updated.json")).outOfScopeReason(analytics))
        .hasValue("database 'dynamodb_exports' is not among the configured databases [analytics]");
  }

  @Test
  void aTableOfAnotherRegionIsOutOfScope() {
    ObjectNode json = sample("match/table-updated.json");
    ((ArrayNode) json.get("resources")).removeAll().add("arn:aws:glue:eu-west-1:123456789012:table/dynamodb_exports/orders");
    assertThat(parse(json).outOfScopeReason(EVERY_DATABASE)).hasValue(
        "resource is in region eu-west-1, this function acts in region us-east-1");
  }

  static Stream<Arguments> malformedEvents() {
    return Stream.of(
        Arguments.of("database name missing", change(d -> d.remove("databaseName")), "detail.databaseName"),
        Arguments.of("database name a number", change(d -> d.put("databaseName", 42)), "detail.databaseName"),
        Arguments.of("database name empty", change(d -> d.put("databaseName", "")), "detail.databaseName"),
        Arguments.of("database name too long", change(d -> d.put("databaseName", "d".repeat(256))),
            "detail.databaseName"),
        Arguments.of("database name with a line break", change(d -> d.put("databaseName", "a\nb")),
            "detail.databaseName"),
        Arguments.of("table name missing", change(d -> d.remove("tableName")), "detail.tableName"),
        Arguments.of("table name an object", change(d -> d.putObject("tableName")), "detail.tableName"),
        Arguments.of("type of change missing", change(d -> d.remove("typeOfChange")), "detail.typeOfChange"),
        Arguments.of("changed partitions a string", change(d -> d.put("changedPartitions", "[1]")),
            "detail.changedPartitions"),
        Arguments.of("a changed partition a number", change(d -> d.putArray("changedPartitions").add(1)),
            "detail.changedPartitions[0]"),
        Arguments.of("resource not an ARN", (Consumer<ObjectNode>) e -> ((ArrayNode) e.get("resources")).removeAll()
            .add("orders"), "resources[0]"),
        Arguments.of("detail missing", (Consumer<ObjectNode>) e -> e.remove("detail"), "detail"));
  }

  private static Consumer<ObjectNode> change(Consumer<ObjectNode> detail) {
    return event -> detail.accept((ObjectNode) event.get("detail"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedEvents")
  void aMalformedTableChangeIsATypedErrorNamingTheField(String name, Consumer<ObjectNode> change, String field) {
    ObjectNode json = sample("match/partitions-created.json");
    change.accept(json);
    assertThatThrownBy(() -> parse(json)).isInstanceOfSatisfying(InvalidEventException.class,
        e -> assertThat(e.field()).isEqualTo(field));
  }

  @ParameterizedTest(name = "changedTables {0}")
  @ValueSource(strings = {"[]", "\"orders\"", "[1]", "[\"\"]", "null"})
  void aCreateTableEventNeedsTheNamesOfItsTables(String changedTables) {
    ObjectNode json = sample("match/table-created.json");
    ((ObjectNode) json.get("detail")).set("changedTables", Json.read(changedTables, JsonNode.class));
    assertThatThrownBy(() -> parse(json)).isInstanceOfSatisfying(InvalidEventException.class,
        e -> assertThat(e.field()).startsWith("detail.changedTables"));
  }

  @Test
  void everyTruncationOfAMatchingEventIsRefusedAsInvalidNeverAnotherError() {
    String text = SampleEvents.read("glue-set-type-fixer", "match/partitions-created.json").strip();
    int refused = 0;
    for (int cut = 0; cut < text.length(); cut++) {
      String truncated = text.substring(0, cut);
      try {
        parse(Json.readEvent(new java.io.ByteArrayInputStream(truncated.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
      } catch (InvalidEventException e) {
        refused++;
      }
    }
    assertThat(refused).isEqualTo(text.length());
  }
}
