package dev.responders.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.responders.tools.emulator.ZendeskDouble;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ZendeskCredentialsTest {

  @Test
  void theBaseUrlIsTheSubdomainsUnlessTheSecretNamesOne() {
    ZendeskCredentials plain = ZendeskCredentials.parse("s",
        "{\"subdomain\":\"acme\",\"email\":\"a@acme.example\",\"apiToken\":\"t0k3n\"}");

    assertThat(plain.baseUrl()).isEqualTo(URI.create("https://acme.zendesk.com"));
    assertThat(plain.webhookSigningSecret()).isNull();
    assertThat(ZendeskCredentials.parse("s", PublisherFixture.secretJson("http://127.0.0.1:8089/", "x")).baseUrl())
        .isEqualTo(URI.create("http://127.0.0.1:8089"));
  }

  @Test
  void theAuthorizationIsBasicEmailSlashTokenColonApiToken() {
    ZendeskCredentials credentials = ZendeskCredentials.parse("s",
        PublisherFixture.secretJson("https://acme.zendesk.com", "x"));

    assertThat(credentials.authorization()).isEqualTo(ZendeskDouble.AUTHORIZATION);
  }

  @Test
  void toStringShowsNeitherTheTokenNorTheSigningSecret() {
    ZendeskCredentials credentials = ZendeskCredentials.parse("s",
        PublisherFixture.secretJson("https://acme.zendesk.com", "signing-42"));

    assertThat(credentials.toString()).contains("acme", "(hidden)")
        .doesNotContain(ZendeskDouble.TOKEN, "signing-42");
  }

  @Test
  void problemsAreNamedWithoutQuotingTheSecret() {
    String secret = "{\"subdomain\":\"Not A Subdomain\",\"email\":\"nobody\",\"apiToken\":\"\","
        + "\"baseUrl\":\"http://evil.example/steal?token=1\"}";

    assertThatThrownBy(() -> ZendeskCredentials.parse("responders/zendesk", secret))
        .isInstanceOf(ZendeskSecretException.class)
        .hasMessage("Secret responders/zendesk is not a usable Zendesk secret: apiToken is missing or not a"
            + " non-empty string; subdomain must be a Zendesk subdomain such as acme (lower case letters, digits,"
            + " dashes); email must be the address of the Zendesk user the API token belongs to; baseUrl must be an"
            + " https URL without query or user (plain http only on the loopback interface)")
        .message().doesNotContain("evil.example", "Not A Subdomain", "nobody");
    assertThatThrownBy(() -> ZendeskCredentials.parse("s", "apiToken=abc"))
        .hasMessage("Secret s is not a usable Zendesk secret: is not JSON").message().doesNotContain("abc");
  }
}
