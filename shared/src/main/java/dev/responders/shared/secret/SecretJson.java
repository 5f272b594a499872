package dev.responders.shared.secret;

import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.shared.json.Json;
import java.net.URI;
import java.util.List;

/**
 * Reads the fields of a JSON secret (a SaaS peer's site and token). A problem is added to the caller's list in words
 * that name the field and never quote a value of the secret, so the error can be logged and notified.
 */
public final class SecretJson {

  private SecretJson() {
  }

  /** The secret's JSON object, or null with the problem added. */
  public static JsonNode object(String secretString, List<String> problems) {
    JsonNode json;
    try {
      json = Json.read(secretString, JsonNode.class);
    } catch (IllegalArgumentException e) {
      problems.add("is not JSON");
      return null;
    }
    if (json == null || !json.isObject()) {
      problems.add("is not a JSON object");
      return null;
    }
    return json;
  }

  /** A required non-empty string field, trimmed; null with the problem added. */
  public static String text(JsonNode json, String name, List<String> problems) {
    JsonNode value = json.get(name);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      problems.add(name + " is missing or not a non-empty string");
      return null;
    }
    return value.asText().trim();
  }

  /**
   * The peer's base URL without a trailing slash: https, no query, no user part (the token must not leave the site);
   * plain http only on the loopback interface (a local test double). Null with the problem added.
   */
  public static URI baseUrl(String name, String value, List<String> problems) {
    try {
      URI uri = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
      boolean loopback = "127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost());
      if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()) && loopback)
          || uri.getRawQuery() != null || uri.getRawUserInfo() != null) {
        problems.add(name + " must be an https URL without query or user (plain http only on the loopback interface)");
        return null;
      }
      return uri;
    } catch (IllegalArgumentException e) {
      problems.add(name + " is not a URL");
      return null;
    }
  }
}
