package dev.responders.tools.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.BatchUpdatePartitionRequestEntry;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.ConcurrentModificationException;
import software.amazon.awssdk.services.glue.model.GetPartitionsResponse;
import software.amazon.awssdk.services.glue.model.GlueException;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * The emulator behaves as Glue does where moto alone does not (tools/emulator/glue_fidelity.py): a conditional
 * UpdateTable over a newer version is refused, GetPartitions answers in pages, BatchUpdatePartition takes at most
 * 100 entries.
 */
@ExtendWith(MotoExtension.class)
class GlueFidelityIT {

  private final GlueClient glue = GlueClient.create();

  @BeforeEach
  void createTable() {
    glue.createDatabase(r -> r.databaseInput(d -> d.name("exports")));
    glue.createTable(r -> r.databaseName("exports").tableInput(input("array<string>")));
  }

  @Test
  void anUpdateConditionalOnAnOlderVersionIsRefusedAndChangesNothing() {
    glue.updateTable(r -> r.databaseName("exports").versionId("1").tableInput(input("set<string>")));

    ConcurrentModificationException refusal = catchThrowableOfType(ConcurrentModificationException.class,
        () -> glue.updateTable(r -> r.databaseName("exports").versionId("1").tableInput(input("array<bigint>"))));

    assertThat(refusal).isNotNull();
    assertThat(refusal.statusCode()).isEqualTo(400);
    assertThat(glue.getTable(r -> r.databaseName("exports").name("orders")).table().versionId()).isEqualTo("2");
    assertThat(glue.getTableVersions(r -> r.databaseName("exports").tableName("orders")).tableVersions()).hasSize(2);
    glue.updateTable(r -> r.databaseName("exports").versionId("2").tableInput(input("array<bigint>")));
    glue.updateTable(r -> r.databaseName("exports").tableInput(input("string")));
    assertThat(glue.getTable(r -> r.databaseName("exports").name("orders")).table().versionId())
        .as("an update without VersionId is unconditional").isEqualTo("4");
  }

  @Test
  void getPartitionsAnswersInPagesAndTheTokenLeadsThroughAll() {
    createPartitions(250);

    GetPartitionsResponse first = glue.getPartitions(r -> r.databaseName("exports").tableName("orders"));
    GetPartitionsResponse small = glue.getPartitions(r -> r.databaseName("exports").tableName("orders").maxResults(7));
    List<String> all = glue.getPartitionsPaginator(r -> r.databaseName("exports").tableName("orders")).stream()
        .flatMap(p -> p.partitions().stream()).map(p -> p.values().get(0)).toList();

    assertThat(first.partitions()).hasSize(100);
    assertThat(first.nextToken()).isNotBlank();
    assertThat(small.partitions()).hasSize(7);
    assertThat(all).hasSize(250).doesNotHaveDuplicates();
  }

  @Test
  void batchUpdatePartitionRefusesMoreThanOneHundredEntries() {
    createPartitions(101);
    List<BatchUpdatePartitionRequestEntry> entries = IntStream.range(0, 101).mapToObj(i ->
        BatchUpdatePartitionRequestEntry.builder().partitionValueList(day(i))
            .partitionInput(PartitionInput.builder().values(day(i)).build()).build()).toList();

    GlueException refusal = catchThrowableOfType(GlueException.class, () -> glue.batchUpdatePartition(r ->
        r.databaseName("exports").tableName("orders").entries(entries)));

    assertThat(refusal).isNotNull();
    assertThat(refusal.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
    assertThat(glue.batchUpdatePartition(r -> r.databaseName("exports").tableName("orders")
        .entries(entries.subList(0, 100))).errors()).isEmpty();
  }

  private void createPartitions(int count) {
    for (int from = 0; from < count; from += 100) {
      List<PartitionInput> batch = IntStream.range(from, Math.min(count, from + 100))
          .mapToObj(i -> PartitionInput.builder().values(day(i)).build()).toList();
      glue.batchCreatePartition(r -> r.databaseName("exports").tableName("orders").partitionInputList(batch));
    }
  }

  private static List<String> day(int i) {
    return List.of("d" + i);
  }

  private static TableInput input(String tagsType) {
    return TableInput.builder().name("orders").partitionKeys(Column.builder().name("day").type("string").build())
        .storageDescriptor(s -> s.columns(Column.builder().name("tags").type(tagsType).build())).build();
  }
}
