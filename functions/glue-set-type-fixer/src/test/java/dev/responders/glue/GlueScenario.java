package dev.responders.glue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responders.shared.aws.AccountScope;
import dev.responders.shared.aws.AwsClients;
import dev.responders.shared.json.Json;
import dev.responders.shared.notify.Notifier;
import dev.responders.tools.account.NotificationInbox;
import dev.responders.tools.account.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The catalog every glue-set-type-fixer integration test starts from: the database {@code dynamodb_exports} a
 * crawler over a DynamoDB export fills, the handler as Lambda builds it, and readings of the catalog. The handler's
 * client records every request it sends, so tests can check what reached Glue as well as what Glue now holds.
 */
final class GlueScenario {

  static final String DATABASE = "dynamodb_exports";
  static final AccountScope SCOPE = new AccountScope("123456789012", "us-east-1");
  static final GlueFixerConfig EVERY_DATABASE = new GlueFixerConfig(Set.of(), SCOPE);

  /** What a crawler over a DynamoDB table of orders writes: String and Number Sets as set<...>, at any depth. */
  static final List<Column> CRAWLED_COLUMNS = List.of(
      column("order_id", "string", "partition key of the DynamoDB table"),
      column("tags", "set<string>", "a String Set"),
      column("quantities", "set<bigint>", null),
      column("asset", "string", "named like a set, is none"),
      column("shipping", "struct<asset:string,offset:bigint,labels:set<string>>", null),
      column("attributes", "map<string,set<bigint>>", "nested set in a map"),
      column("history", "array<struct<at:string,changes:set<string>>>", null),
      column("price", "decimal(10,2)", null));

  static final List<Column> CLEAN_COLUMNS = List.of(
      column("order_id", "string", null),
      column("tags", "array<string>", null),
      column("shipping", "struct<asset:string,offset:bigint>", null));

  final GlueClient glue = AwsClients.build(GlueClient.builder());
  final List<SdkRequest> sent = Collections.synchronizedList(new ArrayList<>());
  /** The handler's own client: as AwsClients builds it, plus a recorder of the requests it sends. */
  final GlueClient handlerGlue = GlueClient.builder().region(AwsClients.region())
      .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
          sent.add(context.request());
        }
      })).build();

  final NotificationInbox inbox = NotificationInbox.create(AwsClients.build(SnsClient.builder()),
      AwsClients.build(SqsClient.builder()), "responder-notifications");

  GlueScenario() {
    glue.createDatabase(r -> r.databaseInput(d -> d.name(DATABASE).description("DynamoDB exports, crawled hourly")));
  }

  static Column column(String name, String type, String comment) {
    return Column.builder().name(name).type(type).comment(comment).build();
  }

  GlueSetTypeFixerHandler handler(GlueFixerConfig config) {
    return new GlueSetTypeFixerHandler(config, handlerGlue,
        new Notifier(AwsClients.build(SnsClient.builder()), inbox.topicArn()));
  }

  /** A table as the crawler leaves it: columns, partition keys year/month/day, serde, parameters and comments. */
  Table createTable(String name, List<Column> columns) {
    glue.createTable(r -> r.databaseName(DATABASE).tableInput(tableInput(name, columns)));
    return table(name);
  }

  static TableInput tableInput(String name, List<Column> columns) {
    return TableInput.builder()
        .name(name)
        .description("orders exported from DynamoDB")
        .owner("crawler-orders")
        .retention(30)
        .tableType("EXTERNAL_TABLE")
        .parameters(Map.of("classification", "parquet", "UPDATED_BY_CRAWLER", "orders-crawler",
            "CrawlerSchemaSerializerVersion", "1.0", "recordCount", "1250"))
        .partitionKeys(column("year", "string", "export year"), column("month", "string", null),
            column("day", "string", null))
        .storageDescriptor(descriptor(columns))
        .build();
  }

  static StorageDescriptor descriptor(List<Column> columns) {
    return StorageDescriptor.builder()
        .columns(columns)
        .location("s3://exports-bucket/orders/")
        .inputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat")
        .outputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat")
        .compressed(false)
        .numberOfBuckets(-1)
        .serdeInfo(SerDeInfo.builder().name("orders-serde")
            .serializationLibrary("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe")
            .parameters(Map.of("serialization.format", "1")).build())
        .parameters(Map.of("compressionType", "none", "typeOfData", "file"))
        .storedAsSubDirectories(false)
        .build();
  }

  /** {@code count} partitions [2026, 11, d] of the table, each with its own copy of {@code columns}. */
  void createPartitions(String table, int count, List<Column> columns) {
    List<PartitionInput> inputs = IntStream.range(0, count).mapToObj(i -> PartitionInput.builder()
        .values(values(i))
        .parameters(Map.of("recordCount", String.valueOf(i)))
        .storageDescriptor(descriptor(columns).toBuilder().location("s3://exports-bucket/orders/p=" + i + "/").build())
        .build()).toList();
    for (int from = 0; from < inputs.size(); from += 100) {
      List<PartitionInput> batch = inputs.subList(from, Math.min(inputs.size(), from + 100));
      glue.batchCreatePartition(r -> r.databaseName(DATABASE).tableName(table).partitionInputList(batch));
    }
  }

  static List<String> values(int i) {
    return List.of("2026", String.valueOf(1 + i / 28 % 12), String.valueOf(1 + i % 28) + (i >= 336 ? "-" + i : ""));
  }

  Table table(String name) {
    return glue.getTable(r -> r.databaseName(DATABASE).name(name)).table();
  }

  int versions(String table) {
    return glue.getTableVersions(r -> r.databaseName(DATABASE).tableName(table)).tableVersions().size();
  }

  List<Partition> partitions(String table) {
    return glue.getPartitionsPaginator(r -> r.databaseName(DATABASE).tableName(table)).stream()
        .flatMap(page -> page.partitions().stream()).toList();
  }

  static List<String> types(List<Column> columns) {
    return columns.stream().map(Column::type).toList();
  }

  <T extends SdkRequest> List<T> sent(Class<T> type) {
    synchronized (sent) {
      return sent.stream().filter(type::isInstance).map(type::cast).toList();
    }
  }

  /** A sample event of events/glue-set-type-fixer about {@code tables} of {@code database}. */
  static String event(String file, String database, List<String> tables, List<String> partitions) {
    ObjectNode event = (ObjectNode) Json.read(SampleEvents.read("glue-set-type-fixer", file), JsonNode.class);
    ObjectNode detail = (ObjectNode) event.get("detail");
    detail.put("databaseName", database);
    if (detail.has("tableName")) {
      detail.put("tableName", tables.get(0));
    }
    if (detail.has("changedTables")) {
      ArrayNode changed = detail.putArray("changedTables");
      tables.forEach(changed::add);
    }
    if (partitions != null) {
      ArrayNode changed = detail.putArray("changedPartitions");
      partitions.forEach(changed::add);
    }
    ArrayNode resources = event.putArray("resources");
    tables.forEach(t -> resources.add("arn:aws:glue:us-east-1:123456789012:table/" + database + "/" + t));
    return event.toString();
  }

  static String tableUpdated(String table) {
    return event("match/table-updated.json", DATABASE, List.of(table), null);
  }

  static JsonNode invoke(GlueSetTypeFixerHandler handler, String event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
    return Json.read(out.toString(StandardCharsets.UTF_8), JsonNode.class);
  }
}
