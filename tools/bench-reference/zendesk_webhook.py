"""ZendeskWebhookFunction's work on Zendesk's signed webhook of a comment, in boto3 and urllib: read the secret,
check the request's HMAC-SHA256 signature over timestamp and body (and that the timestamp is recent), then publish
the ticket as an article (zendesk.py) with the secret already read."""
import base64
import datetime
import hashlib
import hmac
import json

import reference
import zendesk

args = reference.arguments()
aws = reference.session()
with open(args["request"]) as file:
    request = json.load(file)
secret = json.loads(aws.client("secretsmanager").get_secret_value(SecretId=args["secret"])["SecretString"])
headers = {name.lower(): value for name, value in request["headers"].items()}
timestamp = headers["x-zendesk-webhook-signature-timestamp"]
expected = base64.b64encode(hmac.new(secret["webhookSigningSecret"].encode(), (timestamp + request["body"]).encode(),
                                     hashlib.sha256).digest()).decode()
signed_at = datetime.datetime.fromisoformat(timestamp.replace("Z", "+00:00"))
if not hmac.compare_digest(expected, headers["x-zendesk-webhook-signature"]) or \
        abs((datetime.datetime.now(datetime.timezone.utc) - signed_at).total_seconds()) > 300:
    raise SystemExit("401: invalid signature")
body = json.loads(request["body"])
ticket_id = body["detail"]["id"]
if zendesk.publish(aws, args, int(ticket_id), secret) != "published":
    raise SystemExit("the article was not published: the bench seeds a ticket to publish")
reference.done()
