package dev.responders.glue;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;

/** Rewrites the set types of a list of catalog columns; everything else about each column stays as it was. */
final class ColumnTypeFixer {

  /**
   * The columns after the rewrite.
   *
   * @param columns    every column, rewritten or as it was
   * @param fixes      what was rewritten
   * @param unreadable columns whose type is no Hive type string: left alone, reported
   */
  record Fixed(List<Column> columns, List<ColumnFix> fixes, List<String> unreadable) {
    boolean changed() {
      return !fixes.isEmpty();
    }
  }

  private ColumnTypeFixer() {
  }

  static Fixed fix(List<Column> columns, String location) {
    List<Column> out = new ArrayList<>(columns.size());
    List<ColumnFix> fixes = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    for (Column column : columns) {
      String type = column.type();
      if (type == null) {
        out.add(column);
        continue;
      }
      String rewritten;
      try {
        rewritten = SetTypeRewriter.rewrite(type);
      } catch (HiveTypeSyntaxException e) {
        unreadable.add(location + " " + column.name() + ": " + e.getMessage());
        out.add(column);
        continue;
      }
      if (rewritten.equals(type)) {
        out.add(column);
      } else {
        fixes.add(new ColumnFix(location, column.name(), type, rewritten));
        out.add(column.toBuilder().type(rewritten).build());
      }
    }
    return new Fixed(List.copyOf(out), List.copyOf(fixes), List.copyOf(unreadable));
  }

  /** The descriptor's columns rewritten; a descriptor without columns (or none at all) has nothing to fix. */
  static Fixed fix(StorageDescriptor descriptor, String location) {
    if (descriptor == null || !descriptor.hasColumns()) {
      return new Fixed(List.of(), List.of(), List.of());
    }
    return fix(descriptor.columns(), location);
  }

  static StorageDescriptor withColumns(StorageDescriptor descriptor, Fixed fixed) {
    return fixed.changed() ? descriptor.toBuilder().columns(fixed.columns()).build() : descriptor;
  }
}
