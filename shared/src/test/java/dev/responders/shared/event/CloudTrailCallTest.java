package dev.responders.shared.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.responders.shared.json.Json;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CloudTrailCallTest {

  private static EventBridgeEvent envelope(String source, String detailType) {
    String json = "{\"version\":\"0\",\"id\":\"e-1\",\"detail-type\":\"" + detailType + "\",\"source\":\"" + source
        + "\",\"account\":\"123456789012\",\"time\":\"2026-12-02T10:00:00Z\",\"region\":\"us-east-1\","
        + "\"resources\":[],\"detail\":{}}";
    return EventBridgeEvent.parse(Json.readEvent(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void onlyACloudTrailCallOfTheRulesSourceIsOneAndTheReasonNamesBoth() {
    assertThat(CloudTrailCall.notACallFrom(envelope("aws.ec2", "AWS API Call via CloudTrail"), "aws.ec2")).isEmpty();
    assertThat(CloudTrailCall.notACallFrom(envelope("aws.iam", "AWS API Call via CloudTrail"), "aws.ec2"))
        .contains("event is 'AWS API Call via CloudTrail' from 'aws.iam', not 'AWS API Call via CloudTrail' from aws.ec2");
    assertThat(CloudTrailCall.notACallFrom(envelope("aws.ec2", "EC2 Instance State-change Notification"), "aws.ec2"))
        .hasValueSatisfying(reason -> assertThat(reason).startsWith("event is 'EC2 Instance State-change Notification'"));
  }
}
