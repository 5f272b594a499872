package dev.responders.glue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.LastRefreshType;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableIdentifier;
import software.amazon.awssdk.services.glue.model.TableInput;
import software.amazon.awssdk.services.glue.model.ViewDefinition;
import software.amazon.awssdk.services.glue.model.ViewDialect;
import software.amazon.awssdk.services.glue.model.ViewRepresentation;

/**
 * The inputs are built from what was read, field by field against the SDK's own model: a field Glue adds to
 * TableInput in a later SDK makes this test fail until it is carried over.
 */
class CatalogInputsTest {

  private static final StorageDescriptor DESCRIPTOR = StorageDescriptor.builder()
      .columns(Column.builder().name("tags").type("array<string>").build()).location("s3://b/t/").build();

  /** A table as GetTable could return it, with every field set, read-only ones included. */
  private static final Table TABLE = Table.builder()
      .name("orders").databaseName("exports").description("d").owner("o")
      .createTime(Instant.parse("2026-01-01T00:00:00Z")).updateTime(Instant.parse("2026-01-02T00:00:00Z"))
      .lastAccessTime(Instant.parse("2026-01-03T00:00:00Z")).lastAnalyzedTime(Instant.parse("2026-01-04T00:00:00Z"))
      .retention(7).storageDescriptor(DESCRIPTOR).partitionKeys(Column.builder().name("day").type("string").build())
      .viewOriginalText("select 1").viewExpandedText("select 1").tableType("EXTERNAL_TABLE")
      .parameters(Map.of("classification", "parquet")).createdBy("arn:aws:iam::123456789012:role/crawler")
      .isRegisteredWithLakeFormation(true).targetTable(TableIdentifier.builder().catalogId("1").databaseName("x")
          .name("y").region("us-east-1").build())
      .catalogId("123456789012").versionId("7").isMultiDialectView(false).isMaterializedView(false)
      .viewDefinition(ViewDefinition.builder().isProtected(true).definer("arn:aws:iam::123456789012:role/d")
          .viewVersionId(3L).viewVersionToken("t").refreshSeconds(60L).lastRefreshType(LastRefreshType.FULL)
          .subObjects("a").subObjectVersionIds(1L).representations(ViewRepresentation.builder()
              .dialect(ViewDialect.ATHENA).dialectVersion("3").viewOriginalText("select 1").viewExpandedText("select 1")
              .validationConnection("c").isStale(true).build()).build())
      .build();

  /** What GetTable returns and no TableInput takes: Glue keeps these itself. */
  private static final Set<String> READ_ONLY = Set.of("DatabaseName", "CreateTime", "UpdateTime", "CreatedBy",
      "IsRegisteredWithLakeFormation", "CatalogId", "VersionId", "FederatedTable", "IsMultiDialectView",
      "IsMaterializedView", "Status");

  @Test
  void everyFieldTheUpdateAcceptsIsCarriedOverFromTheTable() {
    TableInput input = CatalogInputs.tableInput(TABLE, TABLE.storageDescriptor(), TABLE.partitionKeys());

    for (SdkField<?> field : input.sdkFields()) {
      Object fromTable = TABLE.getValueForField(field.memberName(), Object.class).orElse(null);
      Object carried = input.getValueForField(field.memberName(), Object.class).orElse(null);
      assertThat(carried).as("TableInput.%s", field.memberName()).isNotNull();
      if (!field.memberName().equals("ViewDefinition")) {
        assertThat(carried).as("TableInput.%s", field.memberName()).isEqualTo(fromTable);
      }
    }
    assertThat(input.viewDefinition().representations().get(0).viewOriginalText()).isEqualTo("select 1");
    assertThat(input.viewDefinition().representations().get(0).dialect()).isEqualTo(ViewDialect.ATHENA);
    assertThat(input.viewDefinition().lastRefreshType()).isEqualTo(LastRefreshType.FULL);
    assertThat(input.viewDefinition().subObjectVersionIds()).containsExactly(1L);
  }

  @Test
  void whatGetTableReturnsBeyondTheInputIsExactlyWhatGlueMaintains() {
    Set<String> accepted = TableInput.builder().build().sdkFields().stream().map(SdkField::memberName)
        .collect(java.util.stream.Collectors.toSet());
    List<String> onlyRead = TABLE.sdkFields().stream().map(SdkField::memberName)
        .filter(name -> !accepted.contains(name)).toList();

    assertThat(onlyRead).containsExactlyInAnyOrderElementsOf(READ_ONLY);
  }

  @Test
  void aTableWithoutOptionalFieldsGivesAnInputWithoutThem() {
    Table bare = Table.builder().name("t").databaseName("d").storageDescriptor(DESCRIPTOR).build();
    TableInput input = CatalogInputs.tableInput(bare, bare.storageDescriptor(), null);

    assertThat(input.hasPartitionKeys()).isFalse();
    assertThat(input.hasParameters()).isFalse();
    assertThat(input.viewDefinition()).isNull();
    assertThat(input.retention()).isNull();
  }

  @Test
  void aPartitionKeepsItsValuesTimesAndParameters() {
    Partition partition = Partition.builder().values("2026", "11").databaseName("d").tableName("t")
        .creationTime(Instant.EPOCH).lastAccessTime(Instant.parse("2026-01-03T00:00:00Z"))
        .lastAnalyzedTime(Instant.parse("2026-01-04T00:00:00Z")).parameters(Map.of("recordCount", "3"))
        .storageDescriptor(DESCRIPTOR).catalogId("123456789012").build();

    PartitionInput input = CatalogInputs.partitionInput(partition, DESCRIPTOR);

    for (SdkField<?> field : input.sdkFields()) {
      assertThat(input.getValueForField(field.memberName(), Object.class))
          .as("PartitionInput.%s", field.memberName())
          .isEqualTo(partition.getValueForField(field.memberName(), Object.class));
    }
  }

  @Test
  void partitionValuesAreReadAsGlueEventsWriteThem() {
    assertThat(PartitionFixer.values("[2026, 11, 30]")).containsExactly("2026", "11", "30");
    assertThat(PartitionFixer.values("[C.pdf, dir3]")).containsExactly("C.pdf", "dir3");
    assertThat(PartitionFixer.values("[solo]")).containsExactly("solo");
    assertThat(PartitionFixer.values("[]")).isEmpty();
  }
}
