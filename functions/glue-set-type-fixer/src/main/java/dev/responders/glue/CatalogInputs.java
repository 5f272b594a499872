package dev.responders.glue;

import java.util.List;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;
import software.amazon.awssdk.services.glue.model.ViewDefinition;
import software.amazon.awssdk.services.glue.model.ViewDefinitionInput;
import software.amazon.awssdk.services.glue.model.ViewRepresentationInput;

/**
 * The inputs of UpdateTable and BatchUpdatePartition built from what GetTable and GetPartitions returned: every
 * field the update accepts carried over, so nothing but the column types changes. What Glue maintains itself
 * (DatabaseName, CreateTime, UpdateTime, CreatedBy, CatalogId, VersionId, IsRegisteredWithLakeFormation,
 * FederatedTable, IsMultiDialectView, IsMaterializedView, Status; a view's IsStale) has no place in an input.
 */
final class CatalogInputs {

  private CatalogInputs() {
  }

  static TableInput tableInput(Table table, StorageDescriptor descriptor, List<Column> partitionKeys) {
    return TableInput.builder()
        .name(table.name())
        .description(table.description())
        .owner(table.owner())
        .lastAccessTime(table.lastAccessTime())
        .lastAnalyzedTime(table.lastAnalyzedTime())
        .retention(table.retention())
        .storageDescriptor(descriptor)
        .partitionKeys(partitionKeys)
        .viewOriginalText(table.viewOriginalText())
        .viewExpandedText(table.viewExpandedText())
        .tableType(table.tableType())
        .parameters(table.parameters())
        .targetTable(table.targetTable())
        .viewDefinition(viewDefinition(table.viewDefinition()))
        .build();
  }

  static PartitionInput partitionInput(Partition partition, StorageDescriptor descriptor) {
    return PartitionInput.builder()
        .values(partition.values())
        .lastAccessTime(partition.lastAccessTime())
        .lastAnalyzedTime(partition.lastAnalyzedTime())
        .parameters(partition.parameters())
        .storageDescriptor(descriptor)
        .build();
  }

  private static ViewDefinitionInput viewDefinition(ViewDefinition view) {
    if (view == null) {
      return null;
    }
    ViewDefinitionInput.Builder input = ViewDefinitionInput.builder()
        .isProtected(view.isProtected())
        .definer(view.definer())
        .viewVersionId(view.viewVersionId())
        .viewVersionToken(view.viewVersionToken())
        .refreshSeconds(view.refreshSeconds())
        .lastRefreshType(view.lastRefreshTypeAsString())
        .subObjects(view.subObjects())
        .subObjectVersionIds(view.subObjectVersionIds());
    if (view.hasRepresentations()) {
      input.representations(view.representations().stream().map(r -> ViewRepresentationInput.builder()
          .dialect(r.dialectAsString())
          .dialectVersion(r.dialectVersion())
          .viewOriginalText(r.viewOriginalText())
          .viewExpandedText(r.viewExpandedText())
          .validationConnection(r.validationConnection())
          .build()).toList());
    }
    return input.build();
  }
}
