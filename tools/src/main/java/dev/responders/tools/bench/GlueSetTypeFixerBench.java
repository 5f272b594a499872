package dev.responders.tools.bench;

import dev.responders.tools.account.SampleCatalog;
import dev.responders.tools.emulator.MotoServer;
import java.util.List;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * GlueSetTypeFixerFunction on the table change and on the partitions' creation: each run finds the crawler's
 * {@code set<...>} types in {@code dynamodb_exports.orders} and its two partitions, as the demo seeds them.
 */
final class GlueSetTypeFixerBench implements FunctionBench {

  private final SeedClients clients = new SeedClients();
  private SampleCatalog catalog;

  @Override
  public String logicalId() {
    return "GlueSetTypeFixerFunction";
  }

  @Override
  public List<String> events() {
    return List.of("glue-set-type-fixer/match/table-updated.json", "glue-set-type-fixer/match/partitions-created.json");
  }

  @Override
  public String reference() {
    return "glue_set_type_fixer.py";
  }

  @Override
  public String stateBetweenRuns() {
    return "re-seeded: the table and its two partitions are crawled again (deleted and re-created with set<...>"
        + " types) before each run";
  }

  @Override
  public void seed(MotoServer moto) {
    catalog = new SampleCatalog(clients.open(GlueClient.create()));
    catalog.createDatabase();
  }

  @Override
  public Run prepare(String event) {
    catalog.crawlOrders();
    return new Run(FunctionBench.sample(event),
        List.of("database=" + SampleCatalog.DATABASE, "table=" + SampleCatalog.TABLE));
  }

  @Override
  public void close() {
    clients.close();
  }
}
