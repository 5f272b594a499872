"""AmiParameterUpdaterFunction's work on Image Builder's SNS message, in boto3: for each region the image was
distributed to, read the parameter's history (none here: each run starts from no parameter), create the parameter
as an aws:ec2:image value with the image's tags, and read it back to confirm the write."""
import json

import reference

args = reference.arguments()
aws = reference.session()
name = "/ec2-imagebuilder/web-server/latest"
with open(args["event"]) as event:
    message = json.loads(json.load(event)["Records"][0]["Sns"]["Message"])
for ami in message["outputResources"]["amis"]:
    ssm = aws.client("ssm", region_name=ami["region"])
    try:
        history = [version for page in ssm.get_paginator("get_parameter_history").paginate(Name=name, MaxResults=50)
                   for version in page["Parameters"]]
    except ssm.exceptions.ParameterNotFound:
        history = []
    if not history:
        ssm.put_parameter(Name=name, Value=ami["image"], Type="String", DataType="aws:ec2:image", Overwrite=False,
                          Description="Image " + message["arn"], Tags=[
                              {"Key": "imagebuilder-ami:version", "Value": message["version"]},
                              {"Key": "imagebuilder-ami:build-version", "Value": str(message["buildVersion"])}])
    ssm.get_parameter(Name=name)
reference.done()
