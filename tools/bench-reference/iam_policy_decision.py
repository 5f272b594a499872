"""IamPolicyDecisionFunction's work on the approval workflow's request step, in boto3: read the request's approval
record (none yet), write it pending with the task token (SecureString), sign the approval link's token with a KMS
HMAC over the request id and expiry, and send the link to the responders."""
import base64
import datetime
import hashlib
import json
import time
import urllib.parse

import reference

args = reference.arguments()
aws = reference.session()
ssm = aws.client("ssm")
held = json.loads(args["held"])
request_id = args["request"]
name = "/responders/iam-policy-guard/approvals/" + request_id
try:
    existing = json.loads(ssm.get_parameter(Name=name, WithDecryption=True)["Parameter"]["Value"])
except ssm.exceptions.ParameterNotFound:
    existing = None
if existing and existing["status"] != "pending":
    raise SystemExit("already decided: the bench requests a new approval each run")
expires = int(time.time()) + held["timeout_seconds"]
ssm.put_parameter(Name=name, Type="SecureString", Tier="Intelligent-Tiering", Overwrite=True,
                  Description="iam-policy-guard approval of " + held["policy_arn"] + " " + held["held_version_id"],
                  Value=json.dumps({"request_id": request_id, "held": held, "task_token": "token",
                                    "expires_at": expires, "status": "pending"}))
message = hashlib.sha256(("iam-policy-guard approval\n%s\n%d" % (request_id, expires)).encode()).digest()
mac = aws.client("kms").generate_mac(KeyId=args["key"], MacAlgorithm="HMAC_SHA_256", Message=message)["Mac"]
token = "%s.%d.%s" % (request_id, expires, base64.urlsafe_b64encode(mac).decode().rstrip("="))
expires_at = datetime.datetime.fromtimestamp(expires, datetime.timezone.utc).isoformat()
reference.notify(aws.client("sns"), args["topic"], "iam-policy-guard", "held",
                 "IAM policy HELD for approval: data-cleanup " + held["held_version_id"],
                 dict(held, decide_at="https://approve.example/?token=" + urllib.parse.quote(token),
                      link_expires_at=expires_at))
reference.done()
