"""What the release and drift references share with TagIsolationFunction's Python peer: the instance read as the
isolation reads it, and the instance's sealed record (JSON with a KMS HMAC over its parameter name and body) read,
verified and written."""
import base64
import hashlib
import json

PREFIX = "/responders/isolation/"


def interfaces_of(ec2, instance):
    """The instance's interfaces as the handler finds them: those DescribeInstances lists, then attached ones and
    the branch interfaces EKS tags with their trunk (requester-managed ones are only reported)."""
    interfaces = [nic["NetworkInterfaceId"] for nic in instance["NetworkInterfaces"]]
    attached = ec2.describe_network_interfaces(
        Filters=[{"Name": "attachment.instance-id", "Values": [instance["InstanceId"]]}])["NetworkInterfaces"]
    for trunk in [nic for nic in attached if nic.get("InterfaceType") == "trunk"]:
        attached += ec2.describe_network_interfaces(Filters=[{"Name": "tag:vpcresources.k8s.aws/trunk-eni-id",
                                                              "Values": [trunk["NetworkInterfaceId"]]}])[
            "NetworkInterfaces"]
    return interfaces + [nic["NetworkInterfaceId"] for nic in attached if nic["NetworkInterfaceId"] not in interfaces
                         and not nic.get("RequesterManaged")]


def inspect(aws, instance_id):
    """The reads of the instance the handler makes before every isolation, release or re-containment (as
    tag_isolation.py makes them)."""
    ec2 = aws.client("ec2")
    instance = ec2.describe_instances(InstanceIds=[instance_id])["Reservations"][0]["Instances"][0]
    interfaces = interfaces_of(ec2, instance)
    associations = ec2.describe_iam_instance_profile_associations(
        Filters=[{"Name": "instance-id", "Values": [instance_id]}])["IamInstanceProfileAssociations"]
    protected = ec2.describe_instance_attribute(InstanceId=instance_id, Attribute="disableApiTermination")
    shutdown = ec2.describe_instance_attribute(InstanceId=instance_id, Attribute="instanceInitiatedShutdownBehavior")
    ec2.describe_addresses(Filters=[{"Name": "network-interface-id", "Values": interfaces}])
    aws.client("autoscaling").describe_auto_scaling_instances(InstanceIds=[instance_id])
    aws.client("elbv2").describe_target_groups()
    aws.client("elb").describe_load_balancers()
    return {"instance": instance, "tags": {t["Key"]: t["Value"] for t in instance.get("Tags", [])},
            "groups": {nic["NetworkInterfaceId"]: [g["GroupId"] for g in nic["Groups"]]
                       for nic in instance["NetworkInterfaces"]},
            "associations": [a for a in associations if a["State"] == "associated"],
            "protected": protected["DisableApiTermination"]["Value"],
            "shutdown": shutdown["InstanceInitiatedShutdownBehavior"]["Value"]}


def _digest(name, body):
    return hashlib.sha256(name.encode() + b"\n" + body.encode()).digest()


def read_record(aws, key, instance_id):
    """The record, its seal verified; None when there is none or it does not verify."""
    name = PREFIX + instance_id
    stored = aws.client("ssm").get_parameter(Name=name)["Parameter"]["Value"]
    sealed = json.loads(stored)
    body = stored[stored.index('"record":') + len('"record":'):-1]
    valid = aws.client("kms").verify_mac(KeyId=key, MacAlgorithm="HMAC_SHA_256", Message=_digest(name, body),
                                         Mac=base64.b64decode(sealed["seal"]))["MacValid"]
    return sealed["record"] if valid else None


def write_record(aws, key, instance_id, record):
    name = PREFIX + instance_id
    body = json.dumps(record, separators=(",", ":"))
    mac = aws.client("kms").generate_mac(KeyId=key, MacAlgorithm="HMAC_SHA_256", Message=_digest(name, body))["Mac"]
    aws.client("ssm").put_parameter(Name=name, Type="String", Overwrite=True,
                                    Value='{"seal":"' + base64.b64encode(mac).decode() + '","record":' + body + "}")
