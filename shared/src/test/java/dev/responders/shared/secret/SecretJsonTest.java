package dev.responders.shared.secret;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretJsonTest {

  @Test
  void problemsNameTheFieldAndNeverQuoteTheValue() {
    List<String> problems = new ArrayList<>();
    JsonNode json = SecretJson.object("{\"token\":\"\",\"site\":7}", problems);

    assertThat(SecretJson.text(json, "token", problems)).isNull();
    assertThat(SecretJson.text(json, "site", problems)).isNull();
    assertThat(SecretJson.baseUrl("baseUrl", "http://evil.example/steal?token=s3cret", problems)).isNull();
    assertThat(SecretJson.object("token=s3cret", problems)).isNull();
    assertThat(SecretJson.object("[1]", problems)).isNull();

    assertThat(problems).containsExactly("token is missing or not a non-empty string",
        "site is missing or not a non-empty string",
        "baseUrl must be an https URL without query or user (plain http only on the loopback interface)",
        "is not JSON", "is not a JSON object");
    assertThat(String.join(" ", problems)).doesNotContain("s3cret", "evil.example");
  }

  @Test
  void httpsAnywhereAndPlainHttpOnlyOnLoopback() {
    List<String> problems = new ArrayList<>();

    assertThat(SecretJson.baseUrl("baseUrl", "https://acme.zendesk.com/", problems))
        .isEqualTo(URI.create("https://acme.zendesk.com"));
    assertThat(SecretJson.baseUrl("baseUrl", "http://127.0.0.1:8089", problems))
        .isEqualTo(URI.create("http://127.0.0.1:8089"));
    assertThat(SecretJson.baseUrl("baseUrl", "http://acme.zendesk.com", problems)).isNull();
    assertThat(SecretJson.baseUrl("baseUrl", "https://user@acme.zendesk.com", problems)).isNull();
    assertThat(problems).hasSize(2);
  }
}
