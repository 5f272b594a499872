"""SecurityHubPlaybooksFunction's work on the custom action Remediate, in boto3: for the finding's playbook, read
the resource (the plan), fix it, read it again to confirm, then mark the finding RESOLVED with a note in Security
Hub and tell the responders. Two playbooks: IAM.7 (the account's password policy strengthened) and CIS 1.2.0 4.1
(the rule opening SSH to 0.0.0.0/0 revoked, the group's other rules left)."""
import json

import reference

args = reference.arguments()
aws = reference.session()
with open(args["event"]) as event:
    finding = json.load(event)["detail"]["findings"][0]


def password_policy():
    iam = aws.client("iam")

    def strengthened(policy):
        return {"MinimumPasswordLength": max(policy.get("MinimumPasswordLength", 0), 14), "RequireSymbols": True,
                "RequireNumbers": True, "RequireUppercaseCharacters": True, "RequireLowercaseCharacters": True,
                "MaxPasswordAge": policy.get("MaxPasswordAge") if 0 < policy.get("MaxPasswordAge", 0) <= 90 else 90,
                "PasswordReusePrevention": max(policy.get("PasswordReusePrevention", 0), 24)}

    current = iam.get_account_password_policy()["PasswordPolicy"]
    target = strengthened(current)
    iam.update_account_password_policy(AllowUsersToChangePassword=current.get("AllowUsersToChangePassword", False),
                                       HardExpiry=current.get("HardExpiry", False), **target)
    confirmed = iam.get_account_password_policy()["PasswordPolicy"]
    return all(confirmed.get(field) == value for field, value in target.items())


def ssh_open():
    ec2 = aws.client("ec2")
    group = args["group"]

    def offending():
        ec2.describe_security_groups(GroupIds=[group])
        rules = ec2.describe_security_group_rules(
            Filters=[{"Name": "group-id", "Values": [group]}])["SecurityGroupRules"]
        return [rule for rule in rules if not rule["IsEgress"] and rule.get("CidrIpv4") == "0.0.0.0/0"
                and rule["IpProtocol"] in ("tcp", "6", "-1") and rule["FromPort"] <= 22 <= rule["ToPort"]]

    for rule in offending():
        ec2.revoke_security_group_ingress(GroupId=group, SecurityGroupRuleIds=[rule["SecurityGroupRuleId"]])
    return not offending()


fixed = {"password-policy": password_policy, "ssh-open": ssh_open}[args["playbook"]]()
status = "RESOLVED" if fixed else "NOTIFIED"
aws.client("securityhub").batch_update_findings(
    FindingIdentifiers=[{"Id": finding["Id"], "ProductArn": finding["ProductArn"]}],
    Note={"Text": "Remediated by securityhub-playbooks", "UpdatedBy": "securityhub-playbooks"},
    Workflow={"Status": status})
reference.notify(aws.client("sns"), args["topic"], "securityhub-playbooks", "remediated",
                 "Security Hub: 1 finding remediated", {"finding": finding["Id"], "status": status})
reference.done()
