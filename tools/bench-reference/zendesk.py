"""What both Zendesk references share: the publisher's work on one ticket comment, in boto3 and urllib. Read the
ticket's article record in SSM (none: the bench deletes it), the secret, the ticket from Zendesk (still solved and
tagged guide?), the article labelled with the ticket (none), its comments and requester; compose the article from the
agents' public answers with personal data redacted; claim the record, create the article, tell the responders,
record it as published."""
import base64
import html
import json
import re
import time
import urllib.parse
import urllib.request

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+(@|\s*\(at\)\s*|&#64;)[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
PHONE = re.compile(r"(?<![\w+])\+?\(?\d[\d\s().\-/]{6,}\d(?!\w)")


class Zendesk:
    def __init__(self, secret):
        self.base = secret["baseUrl"].rstrip("/")
        token = base64.b64encode((secret["email"] + "/token:" + secret["apiToken"]).encode()).decode()
        self.headers = {"Authorization": "Basic " + token, "Content-Type": "application/json",
                        "User-Agent": "zendesk-article-publisher"}

    def call(self, path, body=None):
        request = urllib.request.Request(self.base + path, headers=self.headers, method="POST" if body else "GET",
                                         data=json.dumps(body).encode() if body else None)
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)


def redact(text, names):
    text = PHONE.sub("[phone]", EMAIL.sub("[email]", text))
    for name in names:
        text = re.sub(r"(?<!\w)" + re.escape(name) + r"(?!\w)", "[name]", text, flags=re.IGNORECASE)
    return text


def publish(aws, args, ticket_id, secret=None):
    ssm = aws.client("ssm")
    try:
        record = json.loads(ssm.get_parameter(Name=args["record"])["Parameter"]["Value"])
    except ssm.exceptions.ParameterNotFound:
        record = None
    if record and record.get("state") == "published":
        return "already published"
    if secret is None:
        secret = json.loads(aws.client("secretsmanager").get_secret_value(SecretId=args["secret"])["SecretString"])
    zendesk = Zendesk(secret)
    ticket = zendesk.call("/api/v2/tickets/%d.json" % ticket_id)["ticket"]
    if ticket["status"] != "solved" or "guide" not in ticket["tags"]:
        return "out of scope"
    label = "zendesk-ticket-%d" % ticket_id
    if zendesk.call("/api/v2/help_center/articles.json?label_names=" + urllib.parse.quote(label))["articles"]:
        return "already published"
    page = zendesk.call("/api/v2/tickets/%d/comments.json?include=users" % ticket_id)
    roles = {user["id"]: user["role"] for user in page["users"]}
    requester = zendesk.call("/api/v2/users/%d.json" % ticket["requester_id"])["user"]
    names = [part for part in requester["name"].split() if len(part) > 1]
    answers = [redact(comment["html_body"], names) for comment in page["comments"]
               if comment["public"] and roles.get(comment["author_id"]) in ("agent", "admin")]
    question = next(redact(html.escape(re.sub("<[^>]+>", "", c["html_body"])), names) for c in page["comments"]
                    if c["public"] and c["author_id"] == ticket["requester_id"])
    owner = "bench#%f" % time.time()
    ssm.put_parameter(Name=args["record"], Type="String", Overwrite=False,
                      Value=json.dumps({"ticket": ticket_id, "state": "creating", "owner": owner}),
                      Description="Article made from Zendesk ticket %d" % ticket_id)
    article = zendesk.call("/api/v2/help_center/sections/%s/articles.json" % args["section"], {
        "article": {"title": redact(ticket["subject"], names), "body": "<p>" + question + "</p>" + "".join(answers),
                    "locale": "en-us", "permission_group_id": int(args["permission_group"]), "draft": True,
                    "user_segment_id": None, "label_names": [label]},
        "notify_subscribers": False})["article"]
    aws.client("sns").publish(TopicArn=args["topic"], Subject="Help-center draft to review from Zendesk ticket %d"
                              % ticket_id, Message=json.dumps({"ticketId": ticket_id, "articleId": article["id"],
                                                               "articleUrl": article["html_url"], "draft": True}),
                              MessageAttributes={
                                  "handler": {"DataType": "String", "StringValue": "zendesk-article-publisher"},
                                  "outcome": {"DataType": "String", "StringValue": "draft-created"}})
    ssm.put_parameter(Name=args["record"], Type="String", Overwrite=True, Value=json.dumps(
        {"ticket": ticket_id, "state": "published", "owner": owner, "article": article["id"], "notified": True}))
    return "published"
