"""TagReleaseFunction's work on the isolation tag set to release, in boto3: read the instance, check its record
exists, then read it with its seal verified (two reads, as the handler: whether there is one, then whether to trust
it), restore what it holds (profile, each interface's groups and connection-tracking timeouts, termination
protection, shutdown behaviour) where EC2 differs, tag it released, notify, mark the record released."""
import reference
import isolated_instance

args = reference.arguments()
aws = reference.session()
ec2 = aws.client("ec2")
instance_id = args["instance"]
now = isolated_instance.inspect(aws, instance_id)
if now["tags"].get("SecurityResponse") != "release":
    raise SystemExit("the instance is not tagged for release: the bench tags it")
aws.client("ssm").get_parameter(Name=isolated_instance.PREFIX + instance_id)
record = isolated_instance.read_record(aws, args["key"], instance_id)
if record is None or record["status"] == "RELEASED":
    raise SystemExit("no trusted record to release: the bench isolates the instance first")
prior = record["prior"]
profile_now = now["associations"][0]["IamInstanceProfile"]["Arn"] if now["associations"] else None
if prior.get("instance_profile_arn") != profile_now:
    if prior.get("instance_profile_arn") is None:
        ec2.disassociate_iam_instance_profile(AssociationId=now["associations"][0]["AssociationId"])
    else:
        ec2.replace_iam_instance_profile_association(AssociationId=now["associations"][0]["AssociationId"],
                                                     IamInstanceProfile={"Arn": prior["instance_profile_arn"]})
for nic in prior["interfaces"]:
    if now["groups"].get(nic["eni"]) != nic["groups"]:
        ec2.modify_network_interface_attribute(NetworkInterfaceId=nic["eni"], Groups=nic["groups"])
    ec2.modify_network_interface_attribute(NetworkInterfaceId=nic["eni"], ConnectionTrackingSpecification=nic.get(
        "ct") or {"TcpEstablishedTimeout": 432000, "UdpStreamTimeout": 180, "UdpTimeout": 30})
if now["protected"] != prior["disable_api_termination"]:
    ec2.modify_instance_attribute(InstanceId=instance_id,
                                  DisableApiTermination={"Value": prior["disable_api_termination"]})
if now["shutdown"] != prior["shutdown_behavior"]:
    ec2.modify_instance_attribute(InstanceId=instance_id,
                                  InstanceInitiatedShutdownBehavior={"Value": prior["shutdown_behavior"]})
ec2.create_tags(Resources=[instance_id], Tags=[{"Key": "SecurityResponseStatus", "Value": "released"}])
reference.notify(aws.client("sns"), args["topic"], "tag-release", "released", "Released EC2 instance " + instance_id,
                 {"instance": instance_id, "incident": prior.get("captured_by_event")})
isolated_instance.write_record(aws, args["key"], instance_id, dict(record, status="RELEASED"))
reference.done()
