package dev.responders.glue;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.responders.shared.audit.AuditRecord;
import java.util.List;
import java.util.Locale;

/**
 * What one invocation did, returned by the handler.
 *
 * @param status   the outcome over every table the event names
 * @param database the event's database
 * @param reason   why nothing was looked at (skipped)
 * @param tables   what was found and done per table
 * @param changes  every AWS mutation made, with before and after
 */
public record FixResult(Status status, String database, String reason, List<TableOutcome> tables,
    List<AuditRecord> changes) {

  public FixResult {
    tables = List.copyOf(tables);
    changes = List.copyOf(changes);
  }

  public enum Status {
    /** At least one table or partition had set types and now has arrays. */
    FIXED,
    /** Every table named is absent or already free of set types: nothing was written. */
    NOTHING_TO_FIX,
    /** Out of scope; the reason says why. Nothing was read. */
    SKIPPED;

    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  static FixResult skipped(String database, String reason) {
    return new FixResult(Status.SKIPPED, database, reason, List.of(), List.of());
  }

  /**
   * One table of the event.
   *
   * @param status            what was done to it
   * @param reason            why it was left alone (gone)
   * @param versionId         the table version the fix was written over (or found clean in)
   * @param columns           the rewritten types of the table's columns and partition keys
   * @param partitionsChecked partitions read
   * @param partitionsFixed   partitions whose columns were rewritten
   * @param warnings          columns whose type could not be read (left as they were), partitions gone meanwhile
   */
  public record TableOutcome(String table, TableStatus status, String reason, String versionId,
      List<ColumnFix> columns, int partitionsChecked, int partitionsFixed, List<String> warnings) {

    public TableOutcome {
      columns = List.copyOf(columns);
      warnings = List.copyOf(warnings);
    }
  }

  public enum TableStatus {
    /** The table's columns, or some of its partitions', were rewritten. */
    FIXED,
    /** No set type anywhere: no write. */
    NOTHING_TO_FIX,
    /** The table no longer exists (deleted after the event): nothing to do. */
    GONE;

    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }
}
