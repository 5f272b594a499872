package dev.responders.glue;

import static dev.responders.glue.GlueScenario.CLEAN_COLUMNS;
import static dev.responders.glue.GlueScenario.CRAWLED_COLUMNS;
import static dev.responders.glue.GlueScenario.DATABASE;
import static dev.responders.glue.GlueScenario.EVERY_DATABASE;
import static dev.responders.glue.GlueScenario.event;
import static dev.responders.glue.GlueScenario.invoke;
import static dev.responders.glue.GlueScenario.tableUpdated;
import static dev.responders.glue.GlueScenario.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.shared.error.InvalidEventException;
import dev.responders.tools.account.SampleEvents;
import dev.responders.tools.emulator.FaultProxy;
import dev.responders.tools.emulator.MotoExtension;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.glue.model.BatchGetPartitionRequest;
import software.amazon.awssdk.services.glue.model.BatchUpdatePartitionRequest;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.GetPartitionsRequest;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;
import software.amazon.awssdk.services.glue.model.UpdateTableRequest;

/**
 * The handler against the Glue wire protocol (moto server): catalog before, event, catalog after. The fault proxy
 * in front of moto counts what reached the catalog.
 */
@ExtendWith({MotoExtension.class, FaultProxy.Extension.class})
class GlueSetTypeFixerIT {

  private static final List<String> FIXED_TYPES = List.of("string", "array<string>", "array<bigint>", "string",
      "struct<asset:string,offset:bigint,labels:array<string>>", "map<string,array<bigint>>",
      "array<struct<at:string,changes:array<string>>>", "decimal(10,2)");

  private GlueScenario scenario;
  private GlueSetTypeFixerHandler handler;

  @BeforeEach
  void seedCatalog() {
    scenario = new GlueScenario();
    handler = scenario.handler(EVERY_DATABASE);
  }

  @Test
  void rewritesFlatAndNestedSetColumnsAndKeepsEverythingElseExactly() {
    Table before = scenario.createTable("orders", CRAWLED_COLUMNS);

    JsonNode result = invoke(handler, tableUpdated("orders"));

    assertThat(result.get("status").asText()).isEqualTo("fixed");
    Table after = scenario.table("orders");
    assertThat(types(after.storageDescriptor().columns())).containsExactlyElementsOf(FIXED_TYPES);
    assertThat(after.storageDescriptor().columns()).extracting(Column::name, Column::comment)
        .containsExactlyElementsOf(before.storageDescriptor().columns().stream()
            .map(c -> org.assertj.core.groups.Tuple.tuple(c.name(), c.comment())).toList());
    assertThat(after.storageDescriptor().toBuilder().columns(List.of()).build())
        .as("location, formats, serde and its parameters").isEqualTo(before.storageDescriptor().toBuilder()
            .columns(List.of()).build());
    assertThat(after.partitionKeys()).isEqualTo(before.partitionKeys());
    assertThat(after.parameters()).isEqualTo(before.parameters());
    assertThat(List.of(after.description(), after.owner(), after.tableType(), String.valueOf(after.retention())))
        .containsExactly(before.description(), before.owner(), before.tableType(), String.valueOf(before.retention()));
    assertThat(scenario.versions("orders")).as("the crawler's version is archived, not skipped").isEqualTo(2);
    JsonNode outcome = result.get("tables").get(0);
    assertThat(outcome.get("status").asText()).isEqualTo("fixed");
    assertThat(outcome.get("columns")).hasSize(5);
    assertThat(outcome.get("columns").get(0).get("before").asText()).isEqualTo("set<string>");
    assertThat(outcome.get("columns").get(0).get("after").asText()).isEqualTo("array<string>");
  }

  @Test
  void theUpdateIsConditionalOnTheVersionReadAndCarriesEveryFieldGlueAccepts() {
    Table before = scenario.createTable("orders", CRAWLED_COLUMNS);

    invoke(handler, tableUpdated("orders"));

    UpdateTableRequest update = scenario.sent(UpdateTableRequest.class).get(0);
    assertThat(update.versionId()).isEqualTo(before.versionId()).isNotBlank();
    assertThat(update.skipArchive()).as("history kept").isNull();
    TableInput input = update.tableInput();
    assertThat(input.name()).isEqualTo("orders");
    assertThat(input.description()).isEqualTo(before.description());
    assertThat(input.owner()).isEqualTo(before.owner());
    assertThat(input.retention()).isEqualTo(before.retention());
    assertThat(input.tableType()).isEqualTo(before.tableType());
    assertThat(input.parameters()).isEqualTo(before.parameters());
    assertThat(input.partitionKeys()).isEqualTo(before.partitionKeys());
    assertThat(input.storageDescriptor().serdeInfo()).isEqualTo(before.storageDescriptor().serdeInfo());
    assertThat(types(input.storageDescriptor().columns())).containsExactlyElementsOf(FIXED_TYPES);
  }

  @Test
  void partitionsAreFixedInBatchesOfAtMostOneHundredOverEveryPage(FaultProxy proxy) {
    scenario.createTable("orders", CRAWLED_COLUMNS);
    scenario.createPartitions("orders", 250, CRAWLED_COLUMNS);

    JsonNode result = invoke(handler, tableUpdated("orders"));

    assertThat(scenario.partitions("orders")).hasSize(250).allSatisfy(p ->
        assertThat(types(p.storageDescriptor().columns())).containsExactlyElementsOf(FIXED_TYPES));
    assertThat(scenario.sent(BatchUpdatePartitionRequest.class)).extracting(r -> r.entries().size())
        .containsExactly(100, 100, 50);
    assertThat(proxy.reached("BatchUpdatePartition")).isEqualTo(3);
    assertThat(result.get("tables").get(0).get("partitions_checked").asInt()).isEqualTo(250);
    assertThat(result.get("tables").get(0).get("partitions_fixed").asInt()).isEqualTo(250);
    List<GetPartitionsRequest> pages = scenario.sent(GetPartitionsRequest.class);
    assertThat(pages).as("the emulator pages at 100, as Glue pages at a size of its own").hasSize(3);
    assertThat(pages.get(0).nextToken()).isNull();
    assertThat(pages.subList(1, pages.size())).allSatisfy(r -> assertThat(r.nextToken()).isNotBlank());
  }

  @Test
  void partitionValuesParametersAndLocationsAreKept() {
    scenario.createTable("orders", CRAWLED_COLUMNS);
    scenario.createPartitions("orders", 3, CRAWLED_COLUMNS);
    List<Partition> before = scenario.partitions("orders");

    invoke(handler, tableUpdated("orders"));

    List<Partition> after = scenario.partitions("orders");
    for (int i = 0; i < before.size(); i++) {
      Partition was = before.get(i);
      Partition now = after.get(i);
      assertThat(now.values()).isEqualTo(was.values());
      assertThat(now.parameters()).isEqualTo(was.parameters());
      assertThat(now.storageDescriptor().toBuilder().columns(List.of()).build())
          .isEqualTo(was.storageDescriptor().toBuilder().columns(List.of()).build());
      assertThat(types(now.storageDescriptor().columns())).containsExactlyElementsOf(FIXED_TYPES);
    }
  }

  @Test
  void aTableWithNothingToFixIsNotWritten(FaultProxy proxy) {
    scenario.createTable("orders", CLEAN_COLUMNS);
    scenario.createPartitions("orders", 120, CLEAN_COLUMNS);

    JsonNode result = invoke(handler, tableUpdated("orders"));

    assertThat(result.get("status").asText()).isEqualTo("nothing-to-fix");
    assertThat(result.get("tables").get(0).get("partitions_checked").asInt()).isEqualTo(120);
    assertThat(scenario.versions("orders")).isEqualTo(1);
    assertThat(proxy.reached("UpdateTable")).isZero();
    assertThat(proxy.reached("BatchUpdatePartition")).isZero();
    assertThat(result.get("changes")).isEmpty();
  }

  @Test
  void theEventsOfTheFixersOwnWritesAreNoOps(FaultProxy proxy) {
    scenario.createTable("orders", CRAWLED_COLUMNS);
    scenario.createPartitions("orders", 2, CRAWLED_COLUMNS);
    assertThat(invoke(handler, tableUpdated("orders")).get("status").asText()).isEqualTo("fixed");
    int versions = scenario.versions("orders");
    proxy.reset();

    // What Glue emits for the handler's own UpdateTable and BatchUpdatePartition.
    JsonNode afterUpdate = invoke(handler, tableUpdated("orders"));
    JsonNode afterPartitions = invoke(handler, event("match/partition-updated.json", DATABASE, List.of("orders"),
        List.of("[2026, 1, 1]", "[2026, 1, 2]")));

    assertThat(afterUpdate.get("status").asText()).isEqualTo("nothing-to-fix");
    assertThat(afterPartitions.get("status").asText()).isEqualTo("nothing-to-fix");
    assertThat(afterPartitions.get("tables").get(0).get("partitions_checked").asInt()).isEqualTo(2);
    assertThat(proxy.reached("UpdateTable")).isZero();
    assertThat(proxy.reached("BatchUpdatePartition")).isZero();
    assertThat(scenario.versions("orders")).isEqualTo(versions);
  }

  @Test
  void aPartitionEventFixesTheNamedPartitions() {
    scenario.createTable("orders", CLEAN_COLUMNS);
    scenario.createPartitions("orders", 5, CRAWLED_COLUMNS);

    JsonNode result = invoke(handler, event("match/partitions-created.json", DATABASE, List.of("orders"),
        List.of("[2026, 1, 4]", "[2026, 1, 5]")));

    assertThat(result.get("status").asText()).isEqualTo("fixed");
    assertThat(scenario.partitions("orders")).filteredOn(p -> p.values().get(2).compareTo("4") >= 0)
        .hasSize(2).allSatisfy(p -> assertThat(types(p.storageDescriptor().columns()))
            .containsExactlyElementsOf(FIXED_TYPES));
    assertThat(scenario.partitions("orders")).filteredOn(p -> p.values().get(2).compareTo("4") < 0)
        .hasSize(3).allSatisfy(p -> assertThat(types(p.storageDescriptor().columns()))
            .as("not named by the event: checked when the table changes").containsExactlyElementsOf(types(CRAWLED_COLUMNS)));
    assertThat(scenario.sent(BatchGetPartitionRequest.class)).singleElement()
        .satisfies(r -> assertThat(r.partitionsToGet()).hasSize(2));
    assertThat(scenario.sent(GetPartitionsRequest.class)).as("no scan of the whole table").isEmpty();
    assertThat(scenario.versions("orders")).isEqualTo(1);
  }

  @Test
  void aDatabaseStateChangeCreateTableFixesEveryTableItNames() {
    scenario.createTable("orders", CRAWLED_COLUMNS);
    scenario.createTable("customers", List.of(GlueScenario.column("emails", "set<string>", null)));

    JsonNode result = invoke(handler, event("match/table-created.json", DATABASE, List.of("orders", "customers"),
        null));

    assertThat(result.get("status").asText()).isEqualTo("fixed");
    assertThat(result.get("tables")).extracting(t -> t.get("table").asText()).containsExactly("orders", "customers");
    assertThat(types(scenario.table("customers").storageDescriptor().columns())).containsExactly("array<string>");
    assertThat(types(scenario.table("orders").storageDescriptor().columns())).containsExactlyElementsOf(FIXED_TYPES);
  }

  @Test
  void aDatabaseOutOfScopeIsNotReadNorWritten(FaultProxy proxy) {
    scenario.createTable("orders", CRAWLED_COLUMNS);
    GlueSetTypeFixerHandler analyticsOnly = scenario.handler(new GlueFixerConfig(Set.of("analytics"),
        GlueScenario.SCOPE));
    proxy.reset();

    JsonNode result = invoke(analyticsOnly, tableUpdated("orders"));

    assertThat(result.get("status").asText()).isEqualTo("skipped");
    assertThat(result.get("reason").asText()).isEqualTo(
        "database 'dynamodb_exports' is not among the configured databases [analytics]");
    assertThat(proxy.reachedInOrder()).isEmpty();
    assertThat(types(scenario.table("orders").storageDescriptor().columns()))
        .containsExactlyElementsOf(types(CRAWLED_COLUMNS));
  }

  @Test
  void aTableThatNoLongerExistsIsASuccessfulNoOpSayingSo(FaultProxy proxy) {
    JsonNode result = invoke(handler, tableUpdated("dropped_since"));

    assertThat(result.get("status").asText()).isEqualTo("nothing-to-fix");
    JsonNode outcome = result.get("tables").get(0);
    assertThat(outcome.get("status").asText()).isEqualTo("gone");
    assertThat(outcome.get("reason").asText()).isEqualTo(
        "table dynamodb_exports.dropped_since no longer exists: nothing to fix");
    assertThat(proxy.reached("UpdateTable") + proxy.reached("BatchUpdatePartition")).isZero();
  }

  static Stream<Arguments> malformedEvents() {
    return Stream.of(
        Arguments.of("malformed/table-name-missing.json", "detail.tableName"),
        Arguments.of("malformed/changed-tables-not-a-list.json", "detail.changedTables"),
        Arguments.of("malformed/database-name-a-number.json", "detail.databaseName"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("malformedEvents")
  void aMalformedEventIsATypedErrorNamingTheFieldAndNothingIsCalled(String file, String field, FaultProxy proxy) {
    scenario.createTable("orders", CRAWLED_COLUMNS);
    proxy.reset();

    assertThatThrownBy(() -> invoke(handler, SampleEvents.read("glue-set-type-fixer", file)))
        .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.field()).isEqualTo(field));
    assertThat(proxy.reachedInOrder()).isEmpty();
    assertThat(scenario.versions("orders")).isEqualTo(1);
  }
}
