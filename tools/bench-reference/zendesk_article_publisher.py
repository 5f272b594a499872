"""ZendeskArticlePublisherFunction's work on Zendesk's partner event of an agent's public answer, in boto3 and
urllib: the ticket it names is published as an article (zendesk.py)."""
import json

import reference
import zendesk

args = reference.arguments()
with open(args["event"]) as event:
    ticket = json.load(event)["detail"]["ticket_event"]["ticket"]
if zendesk.publish(reference.session(), args, ticket["id"]) != "published":
    raise SystemExit("the article was not published: the bench seeds a ticket to publish")
reference.done()
