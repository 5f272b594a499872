package dev.responders.shared.json;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.responders.shared.error.InvalidEventException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void brokenJsonIsATypedErrorSayingWhereNeverWhat() {
    String leaked = "{\"artifactCredentials\":{\"secretAccessKey\": wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY}}";

    assertThatThrownBy(() -> Json.readEvent(new ByteArrayInputStream(leaked.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("is not valid JSON (line 1, column")
        .hasMessageNotContaining("wJalrXUtnFEMI");
  }

  @Test
  void anythingButOneObjectIsATypedError() {
    assertThatThrownBy(() -> Json.readEvent(new ByteArrayInputStream("[1]".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(InvalidEventException.class).hasMessageContaining("must be a JSON object");
  }
}
