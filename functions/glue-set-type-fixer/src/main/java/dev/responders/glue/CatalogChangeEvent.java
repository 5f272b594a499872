package dev.responders.glue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.shared.aws.Arn;
import dev.responders.shared.error.InvalidEventException;
import dev.responders.shared.event.EventBridgeEvent;
import dev.responders.shared.event.FieldReader;
import dev.responders.shared.text.Excerpt;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Glue Data Catalog state change from {@code aws.glue}, reduced to the tables it names.
 *
 * <ul>
 *   <li>{@code Glue Data Catalog Table State Change}: {@code detail.databaseName}, {@code detail.tableName},
 *       {@code detail.typeOfChange} ({@code UpdateTable}, {@code CreatePartition}, ...) and, for partition changes,
 *       {@code detail.changedPartitions} (each partition's values as one string, {@code "[2026, 11]"});</li>
 *   <li>{@code Glue Data Catalog Database State Change}: {@code detail.databaseName}, {@code detail.typeOfChange}
 *       ({@code CreateTable}, {@code DeleteTable}, {@code BatchDeleteTable}) and {@code detail.changedTables}.</li>
 * </ul>
 *
 * @param tables            the tables to look at, in the event's order
 * @param changedPartitions the partitions a partition change names, as the event writes them; empty otherwise
 * @param resources         the event's resource ARNs
 */
public record CatalogChangeEvent(
    String eventId,
    String account,
    String region,
    String detailType,
    String typeOfChange,
    String database,
    List<String> tables,
    List<String> changedPartitions,
    List<Arn> resources) {

  static final String SOURCE = "aws.glue";
  static final String TABLE_CHANGE = "Glue Data Catalog Table State Change";
  static final String DATABASE_CHANGE = "Glue Data Catalog Database State Change";
  /** Changes that can bring set types into a table or its partitions. */
  static final Set<String> TABLE_WRITES = Set.of("UpdateTable", "CreatePartition", "BatchCreatePartition",
      "UpdatePartition", "BatchUpdatePartition");
  static final Set<String> PARTITION_WRITES = Set.of("CreatePartition", "BatchCreatePartition", "UpdatePartition",
      "BatchUpdatePartition");
  static final Set<String> DATABASE_WRITES = Set.of("CreateTable");
  /** Glue's names: 1 to 255 characters of one line. */
  private static final Pattern NAME = Pattern.compile("[^\\p{Cntrl}]{1,255}");

  public CatalogChangeEvent {
    tables = List.copyOf(tables);
    changedPartitions = List.copyOf(changedPartitions);
    resources = List.copyOf(resources);
  }

  /** Why a well-formed EventBridge event is no Data Catalog change at all, or empty when it is one. */
  public static Optional<String> notACatalogChange(EventBridgeEvent envelope) {
    if (SOURCE.equals(envelope.source())
        && (TABLE_CHANGE.equals(envelope.detailType()) || DATABASE_CHANGE.equals(envelope.detailType()))) {
      return Optional.empty();
    }
    return Optional.of("event is " + Excerpt.of(envelope.detailType()) + " from " + Excerpt.of(envelope.source())
        + ", not a Glue Data Catalog table or database state change");
  }

  /** Parses and validates; every malformed field gives an {@link InvalidEventException} naming it. */
  public static CatalogChangeEvent parse(JsonNode json) {
    return from(EventBridgeEvent.parse(json));
  }

  /** The change an envelope of {@link #notACatalogChange an accepted kind} carries. */
  public static CatalogChangeEvent from(EventBridgeEvent envelope) {
    FieldReader detail = envelope.detail();
    String database = name(detail.text("databaseName"), "detail.databaseName");
    String typeOfChange = detail.text("typeOfChange");
    List<String> tables;
    List<String> partitions = List.of();
    if (TABLE_CHANGE.equals(envelope.detailType())) {
      tables = List.of(name(detail.text("tableName"), "detail.tableName"));
      if (detail.has("changedPartitions")) {
        partitions = detail.texts("changedPartitions");
      }
    } else {
      List<String> changed = detail.texts("changedTables");
      if (changed.isEmpty()) {
        throw new InvalidEventException("detail.changedTables", "must name at least one table");
      }
      tables = new ArrayList<>();
      for (int i = 0; i < changed.size(); i++) {
        tables.add(name(changed.get(i), "detail.changedTables[" + i + "]"));
      }
    }
    List<Arn> resources = new ArrayList<>();
    for (int i = 0; i < envelope.resources().size(); i++) {
      resources.add(Arn.parse(envelope.resources().get(i), "resources[" + i + "]"));
    }
    return new CatalogChangeEvent(envelope.id(), envelope.account(), envelope.region(), envelope.detailType(),
        typeOfChange, database, tables, partitions, resources);
  }

  private static String name(String value, String field) {
    if (!NAME.matcher(value).matches()) {
      throw new InvalidEventException(field, "must be a Glue name (1 to 255 characters, no control characters), got "
          + Excerpt.of(value));
    }
    return value;
  }

  /** Why this well-formed change asks for nothing, or empty when its tables are to be checked. */
  public Optional<String> outOfScopeReason(GlueFixerConfig config) {
    Optional<String> elsewhere = config.scope().outsideReason(account, region, null);
    if (elsewhere.isPresent()) {
      return elsewhere;
    }
    for (Arn resource : resources) {
      Optional<String> foreign = config.scope().outsideReason(account, region, resource);
      if (foreign.isPresent()) {
        return foreign;
      }
    }
    Set<String> acted = TABLE_CHANGE.equals(detailType) ? TABLE_WRITES : DATABASE_WRITES;
    if (!acted.contains(typeOfChange)) {
      return Optional.of("typeOfChange " + Excerpt.of(typeOfChange) + " writes no column types (acted on: "
          + String.join(", ", acted.stream().sorted().toList()) + ")");
    }
    if (!config.covers(database)) {
      return Optional.of("database " + Excerpt.of(database) + " is not among the configured databases "
          + config.databases().stream().sorted().toList());
    }
    return Optional.empty();
  }

  /** Whether only the named partitions changed (the table's other partitions were checked on earlier changes). */
  public boolean partitionChange() {
    return TABLE_CHANGE.equals(detailType) && PARTITION_WRITES.contains(typeOfChange) && !changedPartitions.isEmpty();
  }
}
