package dev.responders.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.shared.aws.AwsClients;
import dev.responders.shared.json.Json;
import dev.responders.tools.emulator.AwsFault;
import dev.responders.tools.emulator.FaultProxy;
import dev.responders.tools.emulator.MotoExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.SnsException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * What the SDK does quietly, a handler's clients say in its log (shared's AwsClients and SLF4J provider; tested here
 * because a function module's classpath is the one Lambda runs): a throttled call retried, a call that fails for
 * good. Through the fault proxy in front of moto, with clients built as every handler builds them.
 */
@ExtendWith({MotoExtension.class, FaultProxy.Extension.class})
class SdkWarningsIT {

  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private PrintStream standardError;

  @BeforeEach
  void captureStandardError() {
    standardError = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreStandardError() {
    System.setErr(standardError);
  }

  @Test
  void aThrottledCallThatSucceedsOnRetryLeavesOneWarningPerRetry(FaultProxy proxy) {
    proxy.fail("PutParameter", AwsFault.throttling(), 2);
    try (SsmClient ssm = AwsClients.build(SsmClient.builder())) {
      ssm.putParameter(r -> r.name("/responders/warned").value("v").type(ParameterType.STRING));
    }

    List<JsonNode> warnings = warnings();
    assertThat(warnings).extracting(line -> line.path("message").asText()).containsExactly(
        "retrying Ssm.PutParameter: attempt 2 after HTTP 400 ThrottlingException",
        "retrying Ssm.PutParameter: attempt 3 after HTTP 400 ThrottlingException");
    assertThat(warnings).allSatisfy(line -> {
      assertThat(line.path("level").asText()).isEqualTo("WARN");
      assertThat(line.path("logger").asText()).isEqualTo("dev.responders.shared.aws.RetryWarnings");
    });
  }

  @Test
  void aCallThatFailsAfterItsRetriesSaysSo(FaultProxy proxy) {
    proxy.failAlways("ListTopics", AwsFault.serverError());
    try (SnsClient sns = AwsClients.build(SnsClient.builder())) {
      assertThatThrownBy(sns::listTopics).isInstanceOf(SnsException.class);
    }

    List<String> messages = warnings().stream().map(line -> line.path("message").asText()).toList();
    assertThat(messages).hasSize(3);
    assertThat(messages.get(0)).isEqualTo("retrying Sns.ListTopics: attempt 2 after HTTP 500 InternalFailure");
    assertThat(messages.get(2)).startsWith("Sns.ListTopics failed after 3 attempt(s): SnsException: ");
  }

  @Test
  void anAnswerTheHandlerReadsIsNoWarning() {
    try (SsmClient ssm = AwsClients.build(SsmClient.builder())) {
      assertThatThrownBy(() -> ssm.getParameter(r -> r.name("/responders/absent")))
          .isInstanceOf(ParameterNotFoundException.class);
    }

    assertThat(warnings()).isEmpty();
  }

  @Test
  void aDenialIsAWarningAtOnce(FaultProxy proxy) {
    proxy.failAlways("GetParameter", AwsFault.accessDenied());
    try (SsmClient ssm = AwsClients.build(SsmClient.builder())) {
      assertThatThrownBy(() -> ssm.getParameter(r -> r.name("/responders/denied")));
    }

    assertThat(warnings()).extracting(line -> line.path("message").asText()).singleElement().asString()
        .startsWith("Ssm.GetParameter failed after 1 attempt(s): AccessDeniedException: ");
  }

  private List<JsonNode> warnings() {
    return Arrays.stream(captured.toString(StandardCharsets.UTF_8).split("\n")).filter(l -> l.startsWith("{"))
        .map(l -> {
          try {
            return Json.MAPPER.readTree(l);
          } catch (Exception e) {
            throw new AssertionError("not JSON: " + l, e);
          }
        })
        .filter(line -> "log".equals(line.path("kind").asText())).toList();
  }
}
