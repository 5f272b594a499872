package dev.responders.ami;

import static dev.responders.ami.AmiParameterUpdaterIT.EAST_AMI;
import static dev.responders.ami.AmiParameterUpdaterIT.PARAMETER;
import static dev.responders.ami.AmiParameterUpdaterIT.WEST_AMI;
import static dev.responders.ami.ImageMessages.ACCOUNT;
import static dev.responders.ami.ImageMessages.ami;
import static dev.responders.ami.ImageMessages.available;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.shared.aws.AwsClients;
import dev.responders.shared.error.NotificationFailedException;
import dev.responders.tools.account.NotificationInbox;
import dev.responders.tools.emulator.AwsFault;
import dev.responders.tools.emulator.FaultProxy;
import dev.responders.tools.emulator.MotoExtension;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Calls throttled, denied or refused half-way (the fault proxy in front of moto): what was written stays written,
 * what was not is reported, and the retry Lambda makes finishes the job without writing anything twice.
 */
@ExtendWith({MotoExtension.class, FaultProxy.Extension.class})
class AmiParameterUpdaterFaultIT {

  /** The SDK's standard retry strategy makes three attempts at a throttled call. */
  private static final int SDK_ATTEMPTS = 3;

  private NotificationInbox inbox;
  private AmiParameterUpdaterHandler handler;

  @BeforeEach
  void buildTheHandler() {
    inbox = NotificationInbox.create(AwsClients.build(SnsClient.builder()), AwsClients.build(SqsClient.builder()),
        "responder-notifications");
    handler = AmiParameterUpdaterIT.handler(AmiParameterUpdaterIT.DEFAULT_NAME, null, inbox);
  }

  private JsonNode invoke(String event) {
    return AmiParameterUpdaterIT.invoke(handler, event);
  }

  @Test
  void aThrottledRegionDoesNotStopTheOtherAndTheRetryFinishesIt(FaultProxy proxy) {
    String event = ImageMessages.sample("sns/image-available.json");
    proxy.fail("PutParameter", AwsFault.throttling(), SDK_ATTEMPTS);

    ParametersIncompleteException incomplete = catchThrowableOfType(ParametersIncompleteException.class,
        () -> invoke(event));

    assertThat(incomplete.result().images().get(0).parameters()).extracting(p -> p.region() + "=" + p.outcome().label())
        .containsExactly("us-east-1=failed", "us-west-2=created");
    assertThat(incomplete.getMessage()).contains("Not written: [us-east-1 123456789012 " + PARAMETER + " failed")
        .contains("ThrottlingException").contains("Written or current: [us-west-2 123456789012 " + PARAMETER + " created]");
    assertThat(proxy.attempts("PutParameter")).isEqualTo(SDK_ATTEMPTS + 1);
    assertThat(proxy.reached("PutParameter")).isEqualTo(1);
    List<JsonNode> told = inbox.take();
    assertThat(told).extracting(n -> n.get("Subject").asText())
        .containsExactly("AMI parameters INCOMPLETE for web-server 1.2.0/3");
    try (ParameterStoreReader east = ParameterStoreReader.in("us-east-1");
        ParameterStoreReader west = ParameterStoreReader.in("us-west-2")) {
      assertThat(east.get(PARAMETER)).isEmpty();
      assertThat(west.value(PARAMETER)).isEqualTo(WEST_AMI);

      JsonNode retry = invoke(event);

      assertThat(retry.get("images").get(0).get("parameters")).extracting(p -> p.get("region").asText() + "="
          + p.get("outcome").asText()).containsExactly("us-east-1=created", "us-west-2=unchanged");
      assertThat(east.value(PARAMETER)).isEqualTo(EAST_AMI);
      assertThat(west.version(PARAMETER)).as("the region written the first time is not written again").isEqualTo(1);
      assertThat(proxy.reached("PutParameter")).isEqualTo(2);
    }
  }

  @Test
  void aRegionThatIsNotEnabledIsReportedWhileTheOthersAreWritten(FaultProxy proxy) {
    proxy.fail("GetParameterHistory", AwsFault.of(400, "UnrecognizedClientException",
        "The security token included in the request is invalid."), 1);

    ParametersIncompleteException incomplete = catchThrowableOfType(ParametersIncompleteException.class,
        () -> invoke(ImageMessages.sample("sns/image-available.json")));

    TargetOutcome east = incomplete.result().images().get(0).parameters().get(0);
    assertThat(east.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(east.detail()).startsWith("ssm:GetParameterHistory: UnrecognizedClientException");
    assertThat(incomplete.result().images().get(0).parameters().get(1).outcome()).isEqualTo(Outcome.CREATED);
    try (ParameterStoreReader west = ParameterStoreReader.in("us-west-2")) {
      assertThat(west.value(PARAMETER)).isEqualTo(WEST_AMI);
    }
  }

  @Test
  void tagsThatCouldNotBeWrittenAreCompletedByTheRetryWithoutANewVersion(FaultProxy proxy) {
    invoke(available("1.2.0", 3, ami("us-east-1", EAST_AMI)));
    String newer = available("1.2.0", 4, ami("us-east-1", "ami-0123456789abcdef0"));
    proxy.fail("AddTagsToResource", AwsFault.accessDenied(), 1);

    ParametersIncompleteException incomplete = catchThrowableOfType(ParametersIncompleteException.class,
        () -> invoke(newer));

    TargetOutcome outcome = incomplete.result().images().get(0).parameters().get(0);
    assertThat(outcome.outcome()).isEqualTo(Outcome.TAGS_NOT_WRITTEN);
    assertThat(outcome.detail()).startsWith("ssm:AddTagsToResource: AccessDeniedException");
    try (ParameterStoreReader east = ParameterStoreReader.in("us-east-1")) {
      assertThat(east.value(PARAMETER)).as("the value, which orders later writes, is written").isEqualTo(
          "ami-0123456789abcdef0");
      assertThat(east.version(PARAMETER)).isEqualTo(2);
      assertThat(east.tags(PARAMETER)).containsEntry("imagebuilder-ami:build-version", "3");

      JsonNode retry = invoke(newer);

      assertThat(retry.get("images").get(0).get("parameters").get(0).get("outcome").asText()).isEqualTo("retagged");
      assertThat(east.version(PARAMETER)).as("retagging makes no new version").isEqualTo(2);
      assertThat(east.tags(PARAMETER)).containsEntry("imagebuilder-ami:build-version", "4")
          .containsEntry("imagebuilder-ami:ami-name", "Web Server ami-0123456789abcdef0");
    }
  }

  @Test
  void aFailureReportThatCouldNotBeSentFailsTheInvocationAndTheRetrySendsIt(FaultProxy proxy) {
    String failed = ImageMessages.sample("sns/image-failed.json");
    proxy.fail("Publish", AwsFault.accessDenied(), 1);

    NotificationFailedException owed = catchThrowableOfType(NotificationFailedException.class, () -> invoke(failed));

    assertThat(owed.subject()).contains("FAILED").contains("image/web-server/1.2.0/4");
    assertThat(inbox.take()).isEmpty();

    JsonNode retry = invoke(failed);

    assertThat(retry.get("images").get(0).get("notification").asText()).isEqualTo("sent");
    assertThat(inbox.take()).extracting(n -> n.get("Subject").asText())
        .containsExactly("Image Builder image FAILED: web-server 1.2.0/4");
  }

  @Test
  void aWriteThatCannotBeReadBackIsUnconfirmedAndTheRetryConfirmsItWithoutWritingAgain(FaultProxy proxy) {
    String event = available("1.2.0", 3, ami("us-east-1", EAST_AMI));
    proxy.fail("GetParameter", AwsFault.accessDenied(), 2);

    ParametersIncompleteException incomplete = catchThrowableOfType(ParametersIncompleteException.class,
        () -> invoke(event));

    TargetOutcome outcome = incomplete.result().images().get(0).parameters().get(0);
    assertThat(outcome.outcome()).isEqualTo(Outcome.UNCONFIRMED);
    assertThat(outcome.detail()).contains("SSM accepted version 1").contains("AccessDeniedException");

    JsonNode retry = invoke(event);

    assertThat(retry.get("images").get(0).get("parameters").get(0).get("outcome").asText()).isEqualTo("unchanged");
    assertThat(proxy.reached("PutParameter")).as("written once").isEqualTo(1);
    try (ParameterStoreReader east = ParameterStoreReader.in("us-east-1")) {
      assertThat(east.version(PARAMETER)).isEqualTo(1);
    }
  }

  @Test
  void aNewerBuildWrittenBetweenTheReadAndTheWriteIsPutBack(FaultProxy proxy) {
    invoke(available("1.2.0", 3, ami("us-east-1", EAST_AMI)));
    String newest = available("1.2.0", 5, ami("us-east-1", "ami-05555555555555555"));
    // A second invocation with the newest build runs while this one is between its read and its write.
    proxy.interleave("PutParameter", () -> invoke(newest));

    JsonNode result = invoke(available("1.2.0", 4, ami("us-east-1", "ami-04444444444444444")));

    JsonNode outcome = result.get("images").get(0).get("parameters").get(0);
    assertThat(outcome.get("outcome").asText()).isEqualTo("kept-newer");
    assertThat(outcome.get("detail").asText()).contains("1.2.0/5 (ami-05555555555555555) was written as version 2");
    try (ParameterStoreReader east = ParameterStoreReader.in("us-east-1")) {
      assertThat(east.value(PARAMETER)).isEqualTo("ami-05555555555555555");
      assertThat(east.history(PARAMETER)).extracting(v -> v.value()).containsExactly(EAST_AMI,
          "ami-05555555555555555", "ami-04444444444444444", "ami-05555555555555555");
      assertThat(east.tags(PARAMETER)).as("the newer build's tags stay").containsEntry("imagebuilder-ami:build-version", "5");
    }
  }
}
