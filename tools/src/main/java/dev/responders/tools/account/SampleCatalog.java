package dev.responders.tools.account;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;

/**
 * The Glue catalog the sample events of glue-set-type-fixer name: {@code dynamodb_exports.orders}, as a crawler over
 * a DynamoDB export writes it, with {@code set<...>} types (top level and nested) in the table and its two
 * partitions. Used by the demo and the benchmark, over the real wire.
 */
public final class SampleCatalog {

  public static final String DATABASE = "dynamodb_exports";
  public static final String TABLE = "orders";
  private static final List<Column> CRAWLED = List.of(
      column("order_id", "string"), column("tags", "set<string>"), column("asset", "string"),
      column("shipping", "struct<asset:string,offset:bigint,labels:set<string>>"),
      column("attributes", "map<string,set<bigint>>"));

  private final GlueClient glue;

  public SampleCatalog(GlueClient glue) {
    this.glue = glue;
  }

  public void createDatabase() {
    glue.createDatabase(r -> r.databaseInput(d -> d.name(DATABASE)));
  }

  /** The table and its partitions as the crawler wrote them, replacing whatever the table holds now. */
  public void crawlOrders() {
    try {
      glue.deleteTable(r -> r.databaseName(DATABASE).name(TABLE));
    } catch (EntityNotFoundException firstCrawl) {
      // nothing to replace
    }
    StorageDescriptor descriptor = StorageDescriptor.builder().columns(CRAWLED).location("s3://exports/orders/")
        .serdeInfo(s -> s.serializationLibrary("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"))
        .build();
    glue.createTable(r -> r.databaseName(DATABASE).tableInput(t -> t.name(TABLE).tableType("EXTERNAL_TABLE")
        .partitionKeys(column("day", "string")).storageDescriptor(descriptor)
        .parameters(Map.of("classification", "parquet"))));
    glue.batchCreatePartition(r -> r.databaseName(DATABASE).tableName(TABLE).partitionInputList(
        Stream.of("2026-11-29", "2026-11-30").map(day -> PartitionInput.builder().values(day)
            .storageDescriptor(descriptor).build()).toList()));
  }

  private static Column column(String name, String type) {
    return Column.builder().name(name).type(type).build();
  }
}
