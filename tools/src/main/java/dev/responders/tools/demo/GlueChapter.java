package dev.responders.tools.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.responders.tools.account.SampleCatalog;
import dev.responders.tools.account.SampleEvents;
import dev.responders.tools.emulator.MotoServer;
import dev.responders.tools.invoke.LocalInvoker;
import dev.responders.tools.invoke.LocalInvoker.Invocation;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * The demo's glue-set-type-fixer chapter: a crawler over a DynamoDB export has written {@code set<...>} types
 * (top level and nested) into a table and its partitions; the catalog events are replayed through the function as
 * bin/invoke runs it: near-misses and malformed events change nothing, the table change fixes the table and its
 * partitions, and the event of that fix finds nothing left to do.
 */
final class GlueChapter {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FUNCTION = "GlueSetTypeFixerFunction";
  private static final String DATABASE = SampleCatalog.DATABASE;

  private final Path root;
  private final PrintStream out;

  GlueChapter(Path root, PrintStream out) {
    this.root = root;
    this.out = out;
  }

  void run(MotoServer moto) throws Exception {
    try (GlueClient glue = GlueClient.create()) {
      SampleCatalog catalog = new SampleCatalog(glue);
      catalog.createDatabase();
      catalog.crawlOrders();

      out.println();
      out.println("== glue-set-type-fixer: a crawler wrote set<...> types into " + DATABASE + ".orders ==");
      printTable(glue, "Before");
      for (String folder : List.of("no-match", "malformed")) {
        for (Path event : events(folder)) {
          invoke(event, moto);
        }
      }
      Path updated = SampleEvents.folder("glue-set-type-fixer").resolve("match/table-updated.json");
      invoke(updated, moto);
      printTable(glue, "After");
      out.println();
      out.println("The fix's own UpdateTable raises the same event again:");
      invoke(updated, moto);
    }
  }

  private List<Path> events(String folder) throws Exception {
    try (Stream<Path> files = Files.list(SampleEvents.folder("glue-set-type-fixer").resolve(folder))) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
  }

  private void invoke(Path sample, MotoServer moto) throws Exception {
    Path result = Files.createTempFile("result-", ".json");
    Path log = Files.createTempFile("log-", ".txt");
    try {
      Invocation invocation = Invocation.parse(new String[] {FUNCTION, sample.toString()})
          .withEnvironment(moto.processEnvironment());
      out.println();
      out.println("> bin/invoke " + FUNCTION + " " + root.relativize(sample));
      int status = LocalInvoker.run(invocation, root, ProcessBuilder.Redirect.to(result.toFile()),
          ProcessBuilder.Redirect.to(log.toFile()));
      if (status != 0) {
        String error = Files.readAllLines(log).stream()
            .filter(l -> l.startsWith("{") && l.contains("\"errorType\"")).findFirst()
            .orElseThrow(() -> new IllegalStateException(FUNCTION + " failed on " + sample.getFileName()));
        out.println("  refused: " + JSON.readTree(error).path("errorMessage").asText());
        return;
      }
      JsonNode answer = JSON.readTree(result.toFile());
      String reason = answer.path("reason").asText("");
      out.println("  status: " + answer.path("status").asText() + (reason.isEmpty() ? "" : " (" + reason + ")"));
      for (JsonNode table : answer.path("tables")) {
        out.println("  table " + table.path("table").asText() + ": " + table.path("status").asText() + ", "
            + table.path("columns").size() + " column types rewritten, " + table.path("partitions_fixed").asInt()
            + " of " + table.path("partitions_checked").asInt() + " partitions fixed");
      }
    } finally {
      Files.deleteIfExists(result);
      Files.deleteIfExists(log);
    }
  }

  private void printTable(GlueClient glue, String when) {
    out.println(when + ":");
    glue.getTable(r -> r.databaseName(DATABASE).name("orders")).table().storageDescriptor().columns()
        .forEach(c -> out.println("  " + c.name() + " " + c.type()));
    glue.getPartitions(r -> r.databaseName(DATABASE).tableName("orders")).partitions().forEach(p ->
        out.println("  partition " + p.values() + ": " + p.storageDescriptor().columns().stream()
            .filter(c -> c.type().contains("set<")).count() + " columns with set<...>"));
  }
}
