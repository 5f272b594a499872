package dev.responders.glue;

import static dev.responders.glue.GlueScenario.CRAWLED_COLUMNS;
import static dev.responders.glue.GlueScenario.DATABASE;
import static dev.responders.glue.GlueScenario.EVERY_DATABASE;
import static dev.responders.glue.GlueScenario.invoke;
import static dev.responders.glue.GlueScenario.tableUpdated;
import static dev.responders.glue.GlueScenario.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.audit.AuditRecord;
import dev.responders.shared.error.RemediationIncompleteException;
import dev.responders.shared.json.Json;
import dev.responders.shared.lambda.TimeBudget;
import dev.responders.tools.emulator.AwsFault;
import dev.responders.tools.emulator.FaultProxy;
import dev.responders.tools.emulator.MotoExtension;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.UpdateTableRequest;

/**
 * glue-set-type-fixer as a crawler racing it and a failing Glue would treat it: errors, races and hangs through the
 * fault proxy in front of moto. Each test is named after the behaviour it pins down.
 */
@ExtendWith({MotoExtension.class, FaultProxy.Extension.class})
class GlueSetTypeFixerHardeningIT {

  private static final AwsFault CONCURRENT_UPDATE = AwsFault.of(400, "ConcurrentModificationException",
      "Update table failed due to concurrent modifications (injected by the fault proxy)");

  private GlueScenario scenario;
  private GlueSetTypeFixerHandler handler;

  @BeforeEach
  void seedCatalog() {
    scenario = new GlueScenario();
    handler = scenario.handler(EVERY_DATABASE);
  }

  @Test
  void aConcurrentModificationIsReadAgainAndTheFixWrittenOverTheNewVersion(FaultProxy proxy) {
    scenario.createTable("orders", CRAWLED_COLUMNS);
    proxy.reset();
    proxy.fail("UpdateTable", CONCURRENT_UPDATE, 1);

    JsonNode result = invoke(handler, tableUpdated("orders"));

    assertThat(result.get("status").asText()).isEqualTo("fixed");
    assertThat(proxy.attempts("UpdateTable")).isEqualTo(2);
    assertThat(proxy.reached("UpdateTable")).isEqualTo(1);
    assertThat(proxy.reachedInOrder()).filteredOn(a -> a.equals("GetTable") || a.equals("UpdateTable"))
        .containsExactly("GetTable", "GetTable", "UpdateTable");
    assertThat(scenario.versions("orders")).isEqualTo(2);
  }

  @Test
  void aCrawlerWritingBetweenReadAndUpdateIsNotOverwritten(FaultProxy proxy) {
    scenario.createTable("orders", CRAWLED_COLUMNS);
    List<Column> recrawled = new ArrayList<>(CRAWLED_COLUMNS);
    recrawled.add(GlueScenario.column("emails", "set<string>", "added by the next crawl"));
    proxy.reset();
    proxy.interleave("UpdateTable", () -> scenario.glue.updateTable(r -> r.databaseName(DATABASE)
        .tableInput(GlueScenario.tableInput("orders", recrawled))));

    JsonNode result = invoke(handler, tableUpdated("orders"));

    assertThat(result.get("status").asText()).isEqualTo("fixed");
    List<String> types = types(scenario.table("orders").storageDescriptor().columns());
    assertThat(types).as("the crawler's new column is there, and fixed too").hasSize(recrawled.size())
        .endsWith("array<string>").noneMatch(t -> t.contains("set<"));
    assertThat(scenario.sent(UpdateTableRequest.class)).extracting(UpdateTableRequest::versionId)
        .containsExactly("1", "2");
    assertThat(scenario.versions("orders")).as("crawler's v2 archived, the fix is v3").isEqualTo(3);
  }

  @Test
  void concurrentModificationsBeyondTheBoundFailTheInvocationWithNothingChanged(FaultProxy proxy) {
    scenario.createTable("orders", CRAWLED_COLUMNS);
    proxy.reset();
    proxy.failAlways("UpdateTable", CONCURRENT_UPDATE);

    assertThatThrownBy(() -> invoke(handler, tableUpdated("orders")))
        .isInstanceOf(RemediationIncompleteException.class).hasMessageContaining("glue:UpdateTable")
        .hasMessageContaining("no change");
    assertThat(proxy.attempts("UpdateTable")).isEqualTo(TableFixer.MAX_ATTEMPTS);
    assertThat(proxy.reached("GetTable")).isEqualTo(TableFixer.MAX_ATTEMPTS);
    assertThat(scenario.versions("orders")).isEqualTo(1);
  }

  @Test
  void aPartitionBatchRefusedHalfWayIsReportedAndTheRetryFinishesWithoutRewritingTheTable(FaultProxy proxy) {
    scenario.createTable("orders", CRAWLED_COLUMNS);
    scenario.createPartitions("orders", 150, CRAWLED_COLUMNS);
    proxy.fail("BatchUpdatePartition", AwsFault.accessDenied(), 1);

    assertThatThrownBy(() -> invoke(handler, tableUpdated("orders")))
        .isInstanceOfSatisfying(RemediationIncompleteException.class, e -> {
          assertThat(e.failedAction()).isEqualTo("glue:BatchUpdatePartition");
          assertThat(e.completed()).extracting(AuditRecord::action).containsExactly("glue:UpdateTable");
        });
    assertThat(scenario.versions("orders")).isEqualTo(2);
    assertThat(scenario.inbox.take()).singleElement().satisfies(n -> {
      assertThat(n.get("Subject").asText()).isEqualTo("Glue set-type fix FAILED for dynamodb_exports.orders");
      assertThat(n.get("MessageAttributes").get("outcome").get("Value").asText()).isEqualTo("fix-failed");
    });

    JsonNode retry = invoke(handler, tableUpdated("orders"));

    assertThat(retry.get("status").asText()).isEqualTo("fixed");
    assertThat(retry.get("tables").get(0).get("columns")).as("the table was fixed by the first attempt").isEmpty();
    assertThat(retry.get("tables").get(0).get("partitions_fixed").asInt()).isEqualTo(150);
    assertThat(scenario.versions("orders")).isEqualTo(2);
    assertThat(scenario.partitions("orders")).allSatisfy(p ->
        assertThat(types(p.storageDescriptor().columns())).noneMatch(t -> t.contains("set<")));
    assertThat(scenario.inbox.take()).as("a fix is routine: only failures are told").isEmpty();
  }

  @Test
  void aFixThatWouldNotFitTheInvocationsTimeStopsBeforeWritingAndSaysSo(FaultProxy proxy) {
    scenario.createTable("orders", CRAWLED_COLUMNS);
    proxy.reset();
    CatalogSetTypeFixer fixer = new CatalogSetTypeFixer(EVERY_DATABASE, scenario.handlerGlue,
        dev.responders.shared.notify.Notifier.disabled());
    CatalogChangeEvent event = CatalogChangeEvent.parse(Json.read(tableUpdated("orders"), JsonNode.class));

    assertThatThrownBy(() -> fixer.fix(event, new AuditLog("test", "e", line -> { }, Clock.systemUTC()),
        TimeBudget.remaining(() -> 5_000)))
        .isInstanceOf(RemediationIncompleteException.class).hasMessageContaining("ms of the invocation are left");
    assertThat(proxy.reachedInOrder()).isEmpty();
  }

  @Test
  void anEventOfAnotherAccountIsNotActedOnEvenIfALocalTableHasTheName(FaultProxy proxy) {
    scenario.createTable("orders", CRAWLED_COLUMNS);
    ObjectNode event = (ObjectNode) Json.read(tableUpdated("orders"), JsonNode.class);
    event.put("account", "210987654321");
    proxy.reset();

    JsonNode result = invoke(handler, event.toString());

    assertThat(result.get("status").asText()).isEqualTo("skipped");
    assertThat(result.get("reason").asText()).contains("account 210987654321");
    assertThat(proxy.reachedInOrder()).isEmpty();
  }

  @Test
  void aColumnWhoseTypeCannotBeReadIsLeftAloneAndReportedWhileTheOthersAreFixed() {
    scenario.createTable("orders", List.of(GlueScenario.column("tags", "set<string>", null),
        GlueScenario.column("odd", "struct<a:set<string>", null)));

    JsonNode result = invoke(handler, tableUpdated("orders"));

    assertThat(types(scenario.table("orders").storageDescriptor().columns()))
        .containsExactly("array<string>", "struct<a:set<string>");
    assertThat(result.get("tables").get(0).get("warnings").get(0).asText()).startsWith("columns odd: expected '>'");
  }
}
