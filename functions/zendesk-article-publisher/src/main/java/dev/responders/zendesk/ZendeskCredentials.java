package dev.responders.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.shared.secret.SecretJson;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The Zendesk account the functions act on, from the Secrets Manager secret. {@link #toString()} never shows the
 * token or the signing secret, and no error built here quotes a value of the secret.
 *
 * @param baseUrl              {@code https://{subdomain}.zendesk.com} unless the secret names another (a proxy, a
 *                             test double); plain http only on the loopback interface
 * @param webhookSigningSecret the signing secret of the Zendesk webhook, null when the secret has none
 */
public record ZendeskCredentials(String subdomain, String email, String apiToken, URI baseUrl,
    String webhookSigningSecret) {

  private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

  /** Parses the secret string; a problem names the secret and the field, never a value. */
  public static ZendeskCredentials parse(String secretName, String secretString) {
    List<String> problems = new ArrayList<>();
    JsonNode json = SecretJson.object(secretString, problems);
    if (json == null) {
      throw new ZendeskSecretException(secretName, problems);
    }
    String subdomain = SecretJson.text(json, "subdomain", problems);
    String email = SecretJson.text(json, "email", problems);
    String token = SecretJson.text(json, "apiToken", problems);
    if (subdomain != null && !SUBDOMAIN.matcher(subdomain).matches()) {
      problems.add("subdomain must be a Zendesk subdomain such as acme (lower case letters, digits, dashes)");
    }
    if (email != null && !EMAIL.matcher(email).matches()) {
      problems.add("email must be the address of the Zendesk user the API token belongs to");
    }
    URI baseUrl = null;
    String configured = json.path("baseUrl").asText("");
    if (!configured.isBlank()) {
      baseUrl = SecretJson.baseUrl("baseUrl", configured, problems);
    } else if (subdomain != null) {
      baseUrl = URI.create("https://" + subdomain + ".zendesk.com");
    }
    String signing = json.path("webhookSigningSecret").asText("");
    if (!problems.isEmpty()) {
      throw new ZendeskSecretException(secretName, problems);
    }
    return new ZendeskCredentials(subdomain, email, token, baseUrl, signing.isBlank() ? null : signing);
  }

  /** The Authorization header of an API-token request: Basic base64({email}/token:{api_token}). */
  public String authorization() {
    return "Basic " + Base64.getEncoder().encodeToString(
        (email + "/token:" + apiToken).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "ZendeskCredentials[subdomain=" + subdomain + ", email=" + email + ", baseUrl=" + baseUrl
        + ", apiToken=(hidden), webhookSigningSecret=" + (webhookSigningSecret == null ? "(none)" : "(hidden)") + "]";
  }
}
