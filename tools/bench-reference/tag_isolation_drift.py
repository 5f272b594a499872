"""TagIsolationDriftFunction's work on CloudTrail's AuthorizeSecurityGroupIngress on an isolation group, in boto3:
close the group again (revoke what was added), find the instances behind it, and re-contain each still tagged for
isolation: read it and its sealed record, put the isolation group back where it is missing, check its evidence
snapshots, notify, store the record again; then tell the responders of the drift."""
import json

import reference
import isolated_instance

args = reference.arguments()
aws = reference.session()
ec2 = aws.client("ec2")
group_id = args["group"]
group = ec2.describe_security_groups(GroupIds=[group_id])["SecurityGroups"][0]
if not any(t["Key"] == "responders:purpose" and t["Value"] == "isolation" for t in group.get("Tags", [])):
    raise SystemExit("not an isolation group: the bench opens one")
if group["IpPermissions"]:
    ec2.revoke_security_group_ingress(GroupId=group_id, IpPermissions=group["IpPermissions"])
if group["IpPermissionsEgress"]:
    ec2.revoke_security_group_egress(GroupId=group_id, IpPermissions=group["IpPermissionsEgress"])
attached = {nic["Attachment"]["InstanceId"] for page in ec2.get_paginator("describe_network_interfaces").paginate(
    Filters=[{"Name": "group-id", "Values": [group_id]}]) for nic in page["NetworkInterfaces"] if nic.get("Attachment")}
instances = [i for r in ec2.describe_instances(Filters=[{"Name": "instance-id", "Values": sorted(attached)}])[
    "Reservations"] for i in r["Instances"]]
for instance in instances:
    instance_id = instance["InstanceId"]
    now = isolated_instance.inspect(aws, instance_id)
    if now["tags"].get("SecurityResponse") != "isolate":
        continue
    record = isolated_instance.read_record(aws, args["key"], instance_id)
    vpc = instance["VpcId"]
    isolation = ec2.describe_security_groups(Filters=[{"Name": "vpc-id", "Values": [vpc]}, {
        "Name": "group-name", "Values": ["responders-isolation-" + vpc]}])["SecurityGroups"][0]
    for eni, groups in now["groups"].items():
        if groups != [isolation["GroupId"]]:
            ec2.modify_network_interface_attribute(NetworkInterfaceId=eni, Groups=[isolation["GroupId"]])
    evidence = [{"Name": "tag:responders:isolated-instance", "Values": [instance_id]}]
    if not ec2.describe_snapshots(OwnerIds=["self"], Filters=evidence)["Snapshots"]:
        ec2.create_snapshots(InstanceSpecification={"InstanceId": instance_id})
    reference.notify(aws.client("sns"), args["topic"], "tag-isolation", "recontained",
                     "Re-contained EC2 instance " + instance_id, {"instance": instance_id})
    isolated_instance.write_record(aws, args["key"], instance_id, dict(record, status="CONTAINED"))
reference.notify(aws.client("sns"), args["topic"], "tag-isolation-drift", "drift-reported",
                 "Drift on isolation: AuthorizeSecurityGroupIngress, isolation group closed again",
                 {"groups": [group_id], "recontained": [i["InstanceId"] for i in instances]})
reference.done()
