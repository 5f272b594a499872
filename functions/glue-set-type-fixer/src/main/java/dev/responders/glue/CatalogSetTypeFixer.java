package dev.responders.glue;

import dev.responders.glue.FixResult.TableOutcome;
import dev.responders.glue.FixResult.TableStatus;
import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.audit.AuditRecord;
import dev.responders.shared.error.RemediationIncompleteException;
import dev.responders.shared.lambda.TimeBudget;
import dev.responders.shared.notify.Notifier;
import dev.responders.shared.text.Excerpt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * Keeps the tables a catalog change names free of {@code set<...>} types:
 *
 * <ol>
 *   <li>check scope: this account and region, a change that can write column types, a configured database;</li>
 *   <li>per table: read it, rewrite its columns' and partition keys' set types, write it back only if something
 *       changed, conditionally on the version read (a concurrent crawler update makes it read again);</li>
 *   <li>its partitions: the ones a partition change names, or every one for a table change, each rewritten and
 *       written in batches only if something changed.</li>
 * </ol>
 *
 * Its own writes raise new catalog events; those find nothing to fix and write nothing, which ends the loop.
 */
public final class CatalogSetTypeFixer {

  private final GlueFixerConfig config;
  private final TableFixer tables;
  private final PartitionFixer partitions;
  private final Notifier notifier;

  public CatalogSetTypeFixer(GlueFixerConfig config, GlueClient glue, Notifier notifier) {
    this.config = config;
    this.tables = new TableFixer(glue);
    this.partitions = new PartitionFixer(glue);
    this.notifier = notifier;
  }

  public FixResult fix(CatalogChangeEvent event, AuditLog audit, TimeBudget budget) {
    Optional<String> outOfScope = event.outOfScopeReason(config);
    if (outOfScope.isPresent()) {
      audit.decision("skip", event.database() + "." + String.join(",", event.tables()), outOfScope.get());
      return FixResult.skipped(event.database(), outOfScope.get());
    }
    List<TableOutcome> outcomes = new ArrayList<>();
    for (String table : event.tables()) {
      outcomes.add(fixTable(event, table, audit, budget));
    }
    boolean fixed = outcomes.stream().anyMatch(o -> o.status() == TableStatus.FIXED);
    return new FixResult(fixed ? FixResult.Status.FIXED : FixResult.Status.NOTHING_TO_FIX, event.database(), null,
        outcomes, audit.changes());
  }

  private TableOutcome fixTable(CatalogChangeEvent event, String name, AuditLog audit, TimeBudget budget) {
    String target = event.database() + "." + name;
    Optional<TableFixer.Checked> found = step("glue:UpdateTable", target, audit, budget,
        () -> tables.fix(event.database(), name, audit));
    if (found.isEmpty()) {
      String reason = "table " + target + " no longer exists: nothing to fix";
      audit.decision("skip", target, reason);
      return new TableOutcome(name, TableStatus.GONE, reason, null, List.of(), 0, 0, List.of());
    }
    TableFixer.Checked table = found.get();
    PartitionFixer.Checked checked = step("glue:BatchUpdatePartition", target, audit, budget,
        () -> event.partitionChange()
            ? partitions.fixChanged(table.table(), event.changedPartitions(), audit, budget)
            : partitions.fixAll(table.table(), audit, budget));
    List<String> warnings = new ArrayList<>(table.unreadable());
    warnings.addAll(checked.warnings());
    boolean fixed = !table.fixes().isEmpty() || checked.fixed() > 0;
    if (!fixed) {
      audit.decision("nothing-to-fix", target, "no set type in the columns, the partition keys or the "
          + checked.checked() + " partitions checked (version " + table.table().versionId() + ")");
    }
    return new TableOutcome(name, fixed ? TableStatus.FIXED : TableStatus.NOTHING_TO_FIX, null,
        table.table().versionId(), table.fixes(), checked.checked(), checked.fixed(), warnings);
  }

  /**
   * Runs one step; a failure is audited, told to the responders and raised with what was already done, so Lambda's
   * retry finishes it. A notification SNS refuses is not lost: the invocation fails anyway and its retry, if it
   * fails again, tells again.
   */
  private <T> T step(String action, String target, AuditLog audit, TimeBudget budget, Supplier<T> body) {
    try {
      if (!budget.allowsAnotherStep()) {
        throw new IllegalStateException("only " + budget.remainingMillis() + " ms of the invocation are left:"
            + " stopping before " + action + "; the retry goes on");
      }
      return body.get();
    } catch (SdkException | IllegalStateException e) {
      audit.failed(action, target, null, e);
      List<AuditRecord> done = audit.changes();
      notifier.notify(GlueSetTypeFixerHandler.NAME, Outcome.FIX_FAILED.label(),
          "Glue set-type fix FAILED for " + Excerpt.plain(target), Map.of("table", target, "failed_action", action,
              "error", String.valueOf(e.getMessage()), "completed", done), audit);
      throw new RemediationIncompleteException(action, target, done, e);
    }
  }

  /**
   * Reads a table that cannot exist (in a configured database, which the function's role may read), so SnapStart's
   * snapshot holds the Glue read path warm. Changes nothing.
   */
  void warmUp() {
    String database = config.databases().stream().sorted().findFirst().orElse("responders_priming");
    tables.fix(database, "responders_priming_no_such_table", new AuditLog("priming", "priming", line -> { },
        java.time.Clock.systemUTC()));
  }
}
