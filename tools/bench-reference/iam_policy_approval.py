"""IamPolicyApprovalFunction's work on the approval link's form posted with approve, in boto3: verify the token's
KMS HMAC over its request id and expiry, read the pending approval record, answer the workflow's task
(SendTaskSuccess with its task token), record the decision."""
import base64
import hashlib
import json
import time

import reference

args = reference.arguments()
aws = reference.session()
request_id, expires, mac = args["token"].split(".")
message = hashlib.sha256(("iam-policy-guard approval\n%s\n%s" % (request_id, expires)).encode()).digest()
valid = aws.client("kms").verify_mac(KeyId=args["key"], MacAlgorithm="HMAC_SHA_256", Message=message,
                                     Mac=base64.urlsafe_b64decode(mac + "=" * (-len(mac) % 4)))["MacValid"]
if not valid or int(expires) <= time.time():
    raise SystemExit("403: the link is not valid")
ssm = aws.client("ssm")
name = args["record_prefix"] + "/" + request_id
record = json.loads(ssm.get_parameter(Name=name, WithDecryption=True)["Parameter"]["Value"])
if record["status"] != "pending":
    raise SystemExit("409: already decided: the bench requests a new approval each run")
aws.client("stepfunctions").send_task_success(taskToken=record["task_token"], output=json.dumps(
    {"decision": "approve", "decided_by": "approval link from 203.0.113.9"}))
ssm.put_parameter(Name=name, Type="SecureString", Tier="Intelligent-Tiering", Overwrite=True, Value=json.dumps(
    dict(record, status="approved", decided_at=time.time(), decided_from="203.0.113.9")))
reference.done()
