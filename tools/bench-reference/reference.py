"""What every reference script shares: its key=value arguments, one boto3 session whose calls are recorded by a
botocore hook, and the closing line the benchmark reads ("calls: Service.Operation ...").

The scripts are the Python/boto3 function a user would otherwise deploy, reduced to the AWS calls the Java handler
makes for the same event, so the benchmark compares the same work. The endpoint, region and credentials come from
the environment (AWS_ENDPOINT_URL, AWS_REGION, ...), as for the Java function.
"""
import json
import sys

import boto3

_calls = []


def arguments():
    """The script's name=value arguments as a dict."""
    return dict(argument.split("=", 1) for argument in sys.argv[1:])


def session():
    """A boto3 session whose every API call (after its response, success or error) is recorded."""
    recorded = boto3.session.Session()
    recorded.events.register("after-call", _record)
    return recorded


def _record(event_name, **_):
    _, service, operation = event_name.split(".", 2)
    _calls.append(service + "." + operation)


def notify(sns, topic, handler, outcome, subject, details):
    """The suite's notification, as shared/'s Notifier sends it: JSON details, handler and outcome attributes."""
    sns.publish(TopicArn=topic, Subject=subject[:100], Message=json.dumps(details), MessageAttributes={
        "handler": {"DataType": "String", "StringValue": handler},
        "outcome": {"DataType": "String", "StringValue": outcome}})


def done():
    """The closing line: every call made, in order."""
    print("calls: " + " ".join(_calls))
