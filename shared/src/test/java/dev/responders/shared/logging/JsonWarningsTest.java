package dev.responders.shared.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.shared.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class JsonWarningsTest {

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
  void slf4jFindsTheSuitesProvider() {
    assertThat(LoggerFactory.getLogger("software.amazon.awssdk.core").getClass().getSimpleName())
        .isEqualTo("JsonWarningLogger");
  }

  @Test
  void aWarningIsOneJsonLineOnStandardErrorWithItsArgumentsFilledIn() throws Exception {
    Logger sdk = LoggerFactory.getLogger("software.amazon.awssdk.auth.credentials");

    sdk.warn("credentials of {} expire in {} s", "role/responder", 30);

    String[] lines = captured.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(1);
    JsonNode line = Json.MAPPER.readTree(lines[0]);
    assertThat(line.path("kind").asText()).isEqualTo("log");
    assertThat(line.path("level").asText()).isEqualTo("WARN");
    assertThat(line.path("logger").asText()).isEqualTo("software.amazon.awssdk.auth.credentials");
    assertThat(line.path("message").asText()).isEqualTo("credentials of role/responder expire in 30 s");
    assertThat(line.path("at").asText()).isNotBlank();
  }

  @Test
  void anErrorCarriesTheExceptionsTypeAndMessageNotItsStack() throws Exception {
    LoggerFactory.getLogger("x").error("call failed", new IllegalStateException("connection reset"));

    JsonNode line = Json.MAPPER.readTree(captured.toString(StandardCharsets.UTF_8).trim());
    assertThat(line.path("level").asText()).isEqualTo("ERROR");
    assertThat(line.path("error").asText()).isEqualTo("java.lang.IllegalStateException: connection reset");
    assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("\tat ");
  }

  @Test
  void belowWarnNothingIsWrittenOrEvenEnabled() {
    Logger sdk = LoggerFactory.getLogger("software.amazon.awssdk.request");

    sdk.info("Sending Request: {}", "body");
    sdk.debug("Received successful response: 200");
    sdk.trace("wire");

    assertThat(captured.size()).isZero();
    assertThat(sdk.isDebugEnabled()).isFalse();
    assertThat(sdk.isInfoEnabled()).isFalse();
    assertThat(sdk.isWarnEnabled()).isTrue();
  }
}
