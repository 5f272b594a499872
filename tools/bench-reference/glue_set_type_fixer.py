"""GlueSetTypeFixerFunction's work, in boto3: read the table, rewrite set<...> to array<...> in its columns
(UpdateTable on the version read), then read its partitions and rewrite theirs (BatchUpdatePartition, 100 a call).
The handler fixes the table on a partition event too, and the sample partition events' values do not read as the
table's one partition key, so it reads every partition: the same calls for both events."""
import re

import reference

args = reference.arguments()
glue = reference.session().client("glue")
database, name = args["database"], args["table"]


def fixed(columns):
    return [dict(column, Type=re.sub(r"\bset<", "array<", column["Type"])) for column in columns]


def has_sets(columns):
    return any("set<" in column["Type"] for column in columns)


table = glue.get_table(DatabaseName=database, Name=name)["Table"]
descriptor = table["StorageDescriptor"]
if has_sets(descriptor["Columns"]):
    glue.update_table(DatabaseName=database, VersionId=table["VersionId"], TableInput={
        "Name": name, "TableType": table.get("TableType", "EXTERNAL_TABLE"),
        "Parameters": table.get("Parameters", {}), "PartitionKeys": table.get("PartitionKeys", []),
        "StorageDescriptor": dict(descriptor, Columns=fixed(descriptor["Columns"]))})
entries = []
for page in glue.get_paginator("get_partitions").paginate(DatabaseName=database, TableName=name):
    for partition in page["Partitions"]:
        columns = partition["StorageDescriptor"]["Columns"]
        if has_sets(columns):
            entries.append({"PartitionValueList": partition["Values"], "PartitionInput": {
                "Values": partition["Values"],
                "StorageDescriptor": dict(partition["StorageDescriptor"], Columns=fixed(columns))}})
for start in range(0, len(entries), 100):
    glue.batch_update_partition(DatabaseName=database, TableName=name, Entries=entries[start:start + 100])
reference.done()
