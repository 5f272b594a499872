"""IamPolicyGuardFunction's work on CloudTrail's CreatePolicy, in boto3: read the policy and the new version's
document, judge its Allow statements against the restricted actions, and when one is granted hold the policy (a
neutral version that denies everything becomes the default, after making room if five versions exist) and start
the approval workflow with the held change."""
import fnmatch
import hashlib
import json
import urllib.parse

import reference

RESTRICTED = "s3:DeleteBucket,s3:DeleteObjectVersion,iam:CreateAccessKey,iam:PassRole,organizations:*," \
             "kms:ScheduleKeyDeletion".split(",")
NEUTRAL = json.dumps({"Version": "2012-10-17", "Statement": [{"Sid": "HeldByIamPolicyGuardPendingApproval",
                                                              "Effect": "Deny", "NotAction": "*",
                                                              "Resource": "*"}]}, separators=(",", ":"))

args = reference.arguments()
aws = reference.session()
iam = aws.client("iam", region_name="us-east-1")
policy = iam.get_policy(PolicyArn=args["policy"])["Policy"]
version = args["version"]
document = iam.get_policy_version(PolicyArn=policy["Arn"], VersionId=version)["PolicyVersion"]["Document"]
if isinstance(document, str):
    document = json.loads(urllib.parse.unquote(document))
grants = []
statements = document["Statement"] if isinstance(document["Statement"], list) else [document["Statement"]]
for index, statement in enumerate(statements):
    actions = statement.get("Action", [])
    for action in [actions] if isinstance(actions, str) else actions:
        for restricted in RESTRICTED:
            if statement["Effect"] == "Allow" and (fnmatch.fnmatchcase(restricted.lower(), action.lower())
                                                   or fnmatch.fnmatchcase(action.lower(), restricted.lower())):
                grants.append({"statement": index, "sid": statement.get("Sid"), "restricted": restricted,
                               "how": action})
if not grants:
    raise SystemExit("the policy grants nothing restricted: the bench seeds one that does")
versions = iam.list_policy_versions(PolicyArn=policy["Arn"])["Versions"]
if len(versions) >= 5:
    oldest = min((v for v in versions if not v["IsDefaultVersion"] and v["VersionId"] != version),
                 key=lambda v: v["CreateDate"])
    iam.delete_policy_version(PolicyArn=policy["Arn"], VersionId=oldest["VersionId"])
neutral = iam.create_policy_version(PolicyArn=policy["Arn"], PolicyDocument=NEUTRAL,
                                    SetAsDefault=True)["PolicyVersion"]["VersionId"]
held = {"policy_arn": policy["Arn"], "held_version_id": version, "neutral_version_id": neutral,
        "event_id": args["event_id"], "event_name": "CreatePolicy", "grants": grants, "timeout_seconds": 86400}
name = policy["PolicyName"][:40] + "-" + version + "-" + hashlib.sha256(args["event_id"].encode()).hexdigest()[:16]
aws.client("stepfunctions").start_execution(stateMachineArn=args["state_machine"], name=name, input=json.dumps(held))
reference.done()
