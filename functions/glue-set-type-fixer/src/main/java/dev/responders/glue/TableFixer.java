package dev.responders.glue;

import dev.responders.glue.ColumnTypeFixer.Fixed;
import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.text.Excerpt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.ConcurrentModificationException;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.UpdateTableResponse;

/**
 * Rewrites the set types of one table's columns and partition keys with a conditional UpdateTable: the update
 * names the version it was computed from, so a crawler writing the table meanwhile is never overwritten; Glue
 * refuses the stale update ({@code ConcurrentModificationException}) and the table is read and planned again,
 * a bounded number of times. The previous version is archived (no SkipArchive): it stays in the table's history.
 */
final class TableFixer {

  /** Reads and conditional writes per table before giving up to Lambda's retry. */
  static final int MAX_ATTEMPTS = 3;

  /**
   * The table as checked.
   *
   * @param table      the table as last read (before the update, if one was made)
   * @param fixes      the rewritten column and partition-key types; empty when nothing needed fixing
   * @param unreadable columns whose type could not be read
   */
  record Checked(Table table, List<ColumnFix> fixes, List<String> unreadable) {
  }

  private final GlueClient glue;

  TableFixer(GlueClient glue) {
    this.glue = glue;
  }

  /** The table, fixed if it had set types; empty when it does not exist (any more). */
  Optional<Checked> fix(String database, String name, AuditLog audit) {
    String target = database + "." + name;
    for (int attempt = 1; ; attempt++) {
      Optional<Table> read = read(database, name);
      if (read.isEmpty()) {
        return Optional.empty();
      }
      Table table = read.get();
      Fixed columns = ColumnTypeFixer.fix(table.storageDescriptor(), "columns");
      Fixed keys = ColumnTypeFixer.fix(table.hasPartitionKeys() ? table.partitionKeys() : List.of(), "partition keys");
      List<String> unreadable = new ArrayList<>(columns.unreadable());
      unreadable.addAll(keys.unreadable());
      List<ColumnFix> fixes = new ArrayList<>(columns.fixes());
      fixes.addAll(keys.fixes());
      if (fixes.isEmpty()) {
        return Optional.of(new Checked(table, List.of(), unreadable));
      }
      try {
        UpdateTableResponse response = glue.updateTable(r -> r.catalogId(table.catalogId()).databaseName(database)
            .versionId(table.versionId())
            .tableInput(CatalogInputs.tableInput(table,
                ColumnTypeFixer.withColumns(table.storageDescriptor(), columns),
                keys.changed() ? keys.columns() : (table.hasPartitionKeys() ? table.partitionKeys() : null))));
        audit.changed("glue:UpdateTable", target, types(table.versionId(), fixes, true), types(null, fixes, false),
            response);
        return Optional.of(new Checked(table, fixes, unreadable));
      } catch (ConcurrentModificationException e) {
        if (attempt >= MAX_ATTEMPTS) {
          throw e;
        }
        audit.decision("re-read", target, "table changed after version " + table.versionId() + " was read ("
            + e.awsErrorDetails().errorMessage() + "): reading it again, attempt " + (attempt + 1) + " of "
            + MAX_ATTEMPTS);
      } catch (EntityNotFoundException e) {
        return Optional.empty();
      }
    }
  }

  private Optional<Table> read(String database, String name) {
    try {
      return Optional.of(glue.getTable(r -> r.databaseName(database).name(name)).table());
    } catch (EntityNotFoundException e) {
      return Optional.empty();
    }
  }

  /** What the audit line shows of the types: column name to type, cut to a readable length. */
  static Map<String, Object> types(String versionId, List<ColumnFix> fixes, boolean before) {
    Map<String, Object> state = new LinkedHashMap<>();
    if (versionId != null) {
      state.put("version_id", versionId);
    }
    Map<String, String> types = new LinkedHashMap<>();
    for (ColumnFix fix : fixes) {
      types.put(fix.location() + " " + fix.column(), Excerpt.plain(before ? fix.before() : fix.after()));
    }
    state.put("types", types);
    return state;
  }
}
