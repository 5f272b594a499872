package dev.responders.glue;

import dev.responders.glue.ColumnTypeFixer.Fixed;
import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.lambda.TimeBudget;
import dev.responders.shared.text.Excerpt;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.BatchGetPartitionResponse;
import software.amazon.awssdk.services.glue.model.BatchUpdatePartitionFailureEntry;
import software.amazon.awssdk.services.glue.model.BatchUpdatePartitionRequestEntry;
import software.amazon.awssdk.services.glue.model.BatchUpdatePartitionResponse;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetPartitionsResponse;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionValueList;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * Rewrites the set types in the storage descriptors of a table's partitions (Firehose and Athena read a
 * partition's own schema). Partitions are read page by page and written with BatchUpdatePartition, at most
 * {@value #BATCH} entries a call (Glue's limit); a partition with nothing to fix is not written. Glue has no
 * conditional partition update: a crawler writing a partition meanwhile wins, and its write raises another event.
 */
final class PartitionFixer {

  /** BatchUpdatePartition takes at most 100 entries. */
  static final int BATCH = 100;
  /** BatchGetPartition takes at most 1000 partitions. */
  static final int GET_BATCH = 1000;
  /** BatchGetPartition may leave keys unprocessed; they are asked for again this many times. */
  static final int GET_ATTEMPTS = 3;

  /**
   * @param checked  partitions read
   * @param fixed    partitions rewritten
   * @param warnings partitions gone meanwhile, columns whose type could not be read
   */
  record Checked(int checked, int fixed, List<String> warnings) {
  }

  private final GlueClient glue;

  PartitionFixer(GlueClient glue) {
    this.glue = glue;
  }

  /** Every partition of the table, read with GetPartitions page by page. */
  Checked fixAll(Table table, AuditLog audit, TimeBudget budget) {
    Run run = new Run(table, audit, budget);
    String token = null;
    try {
      do {
        run.mustFitAnotherCall("glue:GetPartitions");
        String next = token;
        GetPartitionsResponse page = glue.getPartitions(r -> r.catalogId(table.catalogId())
            .databaseName(table.databaseName()).tableName(table.name()).nextToken(next));
        run.check(page.partitions());
        token = page.nextToken();
      } while (token != null && !token.isEmpty());
    } catch (EntityNotFoundException e) {
      run.warnings.add("the table was deleted while its partitions were read");
    }
    return run.finish();
  }

  /**
   * The partitions a partition event names ({@code "[2026, 11]"}, one per partition). Values that do not split into
   * one per partition key (a value holding ", ") cannot be told apart: then every partition is checked.
   */
  Checked fixChanged(Table table, List<String> changed, AuditLog audit, TimeBudget budget) {
    int keys = table.hasPartitionKeys() ? table.partitionKeys().size() : 0;
    List<PartitionValueList> wanted = new ArrayList<>();
    for (String values : changed) {
      List<String> split = values(values);
      if (keys == 0 || split.size() != keys) {
        audit.decision("check-all-partitions", table.databaseName() + "." + table.name(), "changed partition "
            + Excerpt.of(values) + " does not read as " + keys + " values: checking every partition instead");
        return fixAll(table, audit, budget);
      }
      wanted.add(PartitionValueList.builder().values(split).build());
    }
    Run run = new Run(table, audit, budget);
    try {
      for (int from = 0; from < wanted.size(); from += GET_BATCH) {
        List<PartitionValueList> ask = wanted.subList(from, Math.min(wanted.size(), from + GET_BATCH));
        for (int attempt = 1; !ask.isEmpty(); attempt++) {
          if (attempt > GET_ATTEMPTS) {
            throw new IllegalStateException(ask.size() + " partitions stayed unprocessed by BatchGetPartition after "
                + GET_ATTEMPTS + " attempts");
          }
          run.mustFitAnotherCall("glue:BatchGetPartition");
          List<PartitionValueList> keysNow = ask;
          BatchGetPartitionResponse got = glue.batchGetPartition(r -> r.catalogId(table.catalogId())
              .databaseName(table.databaseName()).tableName(table.name()).partitionsToGet(keysNow));
          run.check(got.partitions());
          ask = got.hasUnprocessedKeys() ? got.unprocessedKeys() : List.of();
        }
      }
    } catch (EntityNotFoundException e) {
      run.warnings.add("the table was deleted while its partitions were read");
    }
    return run.finish();
  }

  /** {@code "[2026, 11]"} as Glue's events write a partition's values. */
  static List<String> values(String text) {
    String inner = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    return inner.isEmpty() ? List.of() : Arrays.asList(inner.split(", ", -1));
  }

  /** One pass over partitions: what to write, collected into batches, and what came of it. */
  private final class Run {
    private final Table table;
    private final AuditLog audit;
    private final TimeBudget budget;
    private final String target;
    private final List<BatchUpdatePartitionRequestEntry> pending = new ArrayList<>();
    private final Map<List<String>, List<ColumnFix>> pendingFixes = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();
    private int checked;
    private int fixed;

    Run(Table table, AuditLog audit, TimeBudget budget) {
      this.table = table;
      this.audit = audit;
      this.budget = budget;
      this.target = table.databaseName() + "." + table.name();
    }

    void check(List<Partition> partitions) {
      for (Partition partition : partitions) {
        checked++;
        Fixed columns = ColumnTypeFixer.fix(partition.storageDescriptor(), "partition " + partition.values());
        warnings.addAll(columns.unreadable());
        if (!columns.changed()) {
          continue;
        }
        pending.add(BatchUpdatePartitionRequestEntry.builder().partitionValueList(partition.values())
            .partitionInput(CatalogInputs.partitionInput(partition,
                ColumnTypeFixer.withColumns(partition.storageDescriptor(), columns)))
            .build());
        pendingFixes.put(partition.values(), columns.fixes());
        if (pending.size() == BATCH) {
          flush();
        }
      }
    }

    void mustFitAnotherCall(String action) {
      if (!budget.allowsAnotherStep()) {
        throw new IllegalStateException("only " + budget.remainingMillis() + " ms of the invocation are left: stopping"
            + " before " + action + " after " + fixed + " of the partitions read so far were fixed; the retry goes on");
      }
    }

    private void flush() {
      if (pending.isEmpty()) {
        return;
      }
      mustFitAnotherCall("glue:BatchUpdatePartition");
      List<BatchUpdatePartitionRequestEntry> entries = List.copyOf(pending);
      BatchUpdatePartitionResponse response = glue.batchUpdatePartition(r -> r.catalogId(table.catalogId())
          .databaseName(table.databaseName()).tableName(table.name()).entries(entries));
      Map<List<String>, List<ColumnFix>> written = new LinkedHashMap<>(pendingFixes);
      for (BatchUpdatePartitionFailureEntry failure : response.errors()) {
        written.remove(failure.partitionValueList());
        String code = failure.errorDetail() == null ? "unknown" : failure.errorDetail().errorCode();
        String message = failure.errorDetail() == null ? "" : failure.errorDetail().errorMessage();
        if ("EntityNotFoundException".equals(code)) {
          warnings.add("partition " + failure.partitionValueList() + " was deleted before it could be fixed");
        } else {
          refused.add("partition " + failure.partitionValueList() + ": " + code + " " + message);
        }
      }
      fixed += written.size();
      if (!written.isEmpty()) {
        audit.changed("glue:BatchUpdatePartition", target, summary(written, true), summary(written, false), response);
      }
      pending.clear();
      pendingFixes.clear();
    }

    Checked finish() {
      flush();
      if (!refused.isEmpty()) {
        throw new IllegalStateException(refused.size() + " partitions were refused by BatchUpdatePartition: "
            + Excerpt.of(String.join("; ", refused)));
      }
      return new Checked(checked, fixed, List.copyOf(warnings));
    }

    /** The batch as one audit line: how many partitions, the first few, and the distinct type rewrites. */
    private Map<String, Object> summary(Map<List<String>, List<ColumnFix>> written, boolean before) {
      Map<String, String> types = new LinkedHashMap<>();
      written.values().stream().flatMap(List::stream).forEach(fix ->
          types.putIfAbsent(fix.column(), Excerpt.plain(before ? fix.before() : fix.after())));
      Map<String, Object> state = new LinkedHashMap<>();
      state.put("partitions", written.size());
      state.put("first", written.keySet().stream().limit(5).map(String::valueOf).toList());
      state.put("types", types);
      return state;
    }
  }
}
