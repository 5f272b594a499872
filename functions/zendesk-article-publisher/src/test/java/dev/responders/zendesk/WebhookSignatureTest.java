package dev.responders.zendesk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.shared.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

  private static final String SECRET = PublisherFixture.SIGNING_SECRET;
  private static final String TIMESTAMP = "2026-11-30T14:05:13Z";
  private static final Instant SIGNED_AT = Instant.parse(TIMESTAMP);
  private final JsonNode sample = Json.read(PublisherFixture.sampleWebhookRequest(), JsonNode.class);
  private final byte[] body = sample.get("body").asText().getBytes(StandardCharsets.UTF_8);
  private final String signature = sample.get("headers").get(WebhookEndpoint.SIGNATURE).asText();

  @Test
  void reproducesTheSignatureOfTheSampleSignedOutsideJava() {
    // The sample was signed with Python's hmac module: base64(HMAC-SHA256(secret, timestamp + body)).
    assertThat(WebhookSignature.sign(SECRET, TIMESTAMP, body)).isEqualTo(signature);
    assertThat(WebhookSignature.problem(SECRET, TIMESTAMP, body, signature, SIGNED_AT.plusSeconds(7))).isEmpty();
  }

  @Test
  void anotherSecretAnotherBodyOrAnotherTimestampDoNotVerify() {
    assertThat(WebhookSignature.problem("other", TIMESTAMP, body, signature, SIGNED_AT))
        .contains("signature does not match");
    assertThat(WebhookSignature.problem(SECRET, TIMESTAMP, "{}".getBytes(StandardCharsets.UTF_8), signature,
        SIGNED_AT)).contains("signature does not match");
    assertThat(WebhookSignature.problem(SECRET, "2026-11-30T14:05:14Z", body, signature, SIGNED_AT))
        .contains("signature does not match");
  }

  @Test
  void fiveMinutesIsTheLimitEitherWay() {
    assertThat(WebhookSignature.problem(SECRET, TIMESTAMP, body, signature, SIGNED_AT.plusSeconds(300))).isEmpty();
    assertThat(WebhookSignature.problem(SECRET, TIMESTAMP, body, signature, SIGNED_AT.plusSeconds(301)))
        .contains("timestamp 2026-11-30T14:05:13Z is more than 5 minutes from now");
    assertThat(WebhookSignature.problem(SECRET, TIMESTAMP, body, signature, SIGNED_AT.minusSeconds(301)))
        .isPresent();
  }

  @Test
  void missingOrMalformedHeadersDoNotVerify() {
    assertThat(WebhookSignature.problem(SECRET, null, body, signature, SIGNED_AT))
        .contains("signature or timestamp header missing");
    assertThat(WebhookSignature.problem(SECRET, TIMESTAMP, body, " ", SIGNED_AT))
        .contains("signature or timestamp header missing");
    assertThat(WebhookSignature.problem(SECRET, "yesterday", body, signature, SIGNED_AT))
        .contains("timestamp is not an ISO-8601 instant");
    assertThat(WebhookSignature.problem(SECRET, TIMESTAMP, body, signature.substring(1), SIGNED_AT))
        .contains("signature does not match");
  }
}
