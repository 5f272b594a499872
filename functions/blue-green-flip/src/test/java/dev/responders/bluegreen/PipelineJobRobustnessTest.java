package dev.responders.bluegreen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.shared.error.InvalidEventException;
import dev.responders.shared.json.Json;
import dev.responders.tools.account.SampleEvents;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Every prefix of the sample job, and the sample with each credential's quotes broken: reading it either succeeds
 * or fails with an {@link InvalidEventException}, and no message ever quotes a piece of artifactCredentials.
 */
class PipelineJobRobustnessTest {

  private static final String SAMPLE = SampleEvents.read("blue-green-flip", "codepipeline-job.json");

  private static Throwable readAndParse(String text) {
    return catchThrowable(() -> {
      JsonNode event = Json.readEvent(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
      PipelineJob.parse(event, "/bluegreen/live");
    });
  }

  @Test
  void everyTruncationIsATypedErrorThatQuotesNoCredential() {
    IntStream.range(0, SAMPLE.strip().length()).forEach(length -> {
      Throwable error = readAndParse(SAMPLE.substring(0, length));
      assertThat(error).as("prefix of %d characters", length).isInstanceOf(InvalidEventException.class);
      assertThat(error.getMessage()).doesNotContain(Invocations.CREDENTIAL_CANARIES);
    });
    assertThat(readAndParse(SAMPLE)).isNull();
  }

  @Test
  void aCredentialLeftUnquotedIsNotQuotedBackByTheParser() {
    for (String canary : new String[] {"ASIAEXAMPLECANARY0001",
        "SecretCanaryDoNotLogMe/wJalrXUtnFEMIK7MDENGbPxRfiCY"}) {
      Throwable error = readAndParse(SAMPLE.replace("\"" + canary + "\"", canary));

      assertThat(error).isInstanceOf(InvalidEventException.class);
      assertThat(error.getMessage()).startsWith("Invalid event: $ is not valid JSON (line ")
          .doesNotContain(Invocations.CREDENTIAL_CANARIES);
    }
  }
}
