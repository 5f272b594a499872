"""TagIsolationFunction's work on the applied isolation tag, in boto3: read the instance, record its prior state
(sealed with a KMS MAC, in SSM), protect it, create the isolation and the untracking groups, cut its traffic,
swap its profile, tag it, snapshot its volumes, notify, then seal and store the final record."""
import json

from botocore.exceptions import ClientError

import isolated_instance
import reference

args = reference.arguments()
instance_id = args["instance"]
aws = reference.session()
ec2 = aws.client("ec2")
kms = aws.client("kms")
ssm = aws.client("ssm")

instance = ec2.describe_instances(InstanceIds=[instance_id])["Reservations"][0]["Instances"][0]
vpc_id = instance["VpcId"]
interfaces = isolated_instance.interfaces_of(ec2, instance)
profiles = ec2.describe_iam_instance_profile_associations(
    Filters=[{"Name": "instance-id", "Values": [instance_id]}])["IamInstanceProfileAssociations"]
protected = ec2.describe_instance_attribute(InstanceId=instance_id, Attribute="disableApiTermination")
shutdown = ec2.describe_instance_attribute(InstanceId=instance_id, Attribute="instanceInitiatedShutdownBehavior")
addresses = ec2.describe_addresses(Filters=[{"Name": "network-interface-id", "Values": interfaces}])["Addresses"]
auto_scaling = aws.client("autoscaling").describe_auto_scaling_instances(InstanceIds=[instance_id])
target_groups = aws.client("elbv2").describe_target_groups()["TargetGroups"]
load_balancers = aws.client("elb").describe_load_balancers()["LoadBalancerDescriptions"]

prior = {"instance": instance_id, "interfaces": {nic["NetworkInterfaceId"]: [g["GroupId"] for g in nic["Groups"]]
                                                  for nic in instance["NetworkInterfaces"]},
         "profiles": [p["IamInstanceProfile"]["Arn"] for p in profiles],
         "terminationProtected": protected["DisableApiTermination"]["Value"],
         "shutdownBehavior": shutdown["InstanceInitiatedShutdownBehavior"]["Value"], "addresses": len(addresses),
         "autoScaling": len(auto_scaling["AutoScalingInstances"]), "targetGroups": len(target_groups),
         "loadBalancers": len(load_balancers)}
parameter = "/responders/isolation/" + instance_id


def store(record):
    body = json.dumps(record, sort_keys=True)
    mac = kms.generate_mac(KeyId=args["key"], MacAlgorithm="HMAC_SHA_256", Message=body.encode())["Mac"]
    ssm.put_parameter(Name=parameter, Type="String", Overwrite=True,
                      Value=json.dumps({"record": record, "mac": mac.hex()}))


store({"prior": prior, "status": "isolating"})
ec2.modify_instance_attribute(InstanceId=instance_id, DisableApiTermination={"Value": True})


def group(name, description):
    filters = [{"Name": "vpc-id", "Values": [vpc_id]}, {"Name": "group-name", "Values": [name]}]
    if not ec2.describe_security_groups(Filters=filters)["SecurityGroups"]:
        ec2.create_security_group(VpcId=vpc_id, GroupName=name, Description=description, TagSpecifications=[
            {"ResourceType": "security-group", "Tags": [{"Key": "responders:purpose", "Value": "isolation"}]}])
    return ec2.describe_security_groups(Filters=filters)["SecurityGroups"][0]


isolation = group("responders-isolation-" + vpc_id, "Isolation: no inbound, no outbound.")
if isolation["IpPermissionsEgress"]:
    ec2.revoke_security_group_egress(GroupId=isolation["GroupId"], IpPermissions=isolation["IpPermissionsEgress"])
untrack = group("responders-untrack-" + vpc_id, "Isolation, for an instant: all traffic.")
everything = [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]
for authorize in (ec2.authorize_security_group_ingress, ec2.authorize_security_group_egress):
    try:
        authorize(GroupId=untrack["GroupId"], IpPermissions=everything)
    except ClientError as error:
        if error.response["Error"]["Code"] != "InvalidPermission.Duplicate":
            raise
shortest = {"TcpEstablishedTimeout": 60, "UdpStreamTimeout": 60, "UdpTimeout": 30}
for nic in interfaces:
    ec2.modify_network_interface_attribute(NetworkInterfaceId=nic, ConnectionTrackingSpecification=shortest)
    for groups in ([untrack["GroupId"]], [isolation["GroupId"]]):
        ec2.modify_network_interface_attribute(NetworkInterfaceId=nic, Groups=groups)
ec2.associate_iam_instance_profile(InstanceId=instance_id, IamInstanceProfile={"Arn": args["profile"]})
ec2.create_tags(Resources=[instance_id], Tags=[{"Key": "SecurityResponseStatus", "Value": "isolated"}])
evidence = [{"Name": "tag:responders:isolated-instance", "Values": [instance_id]}]
if not ec2.describe_snapshots(OwnerIds=["self"], Filters=evidence)["Snapshots"]:
    ec2.create_snapshots(InstanceSpecification={"InstanceId": instance_id}, TagSpecifications=[
        {"ResourceType": "snapshot", "Tags": [{"Key": "responders:isolated-instance", "Value": instance_id}]}])
aws.client("sns").publish(TopicArn=args["topic"], Subject="Isolated " + instance_id,
                          Message=json.dumps({"instance": instance_id, "prior": prior}))
store({"prior": prior, "status": "isolated"})
reference.done()
