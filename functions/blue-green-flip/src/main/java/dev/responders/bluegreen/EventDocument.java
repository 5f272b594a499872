package dev.responders.bluegreen;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.shared.error.InvalidEventException;
import dev.responders.shared.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads the invocation's JSON. Unlike the suite's {@code Json.readEvent}, a syntax error names only the line and
 * column: Jackson's own message quotes the offending token, and in a broken CodePipeline job that token can be a
 * piece of artifactCredentials, which would then reach the log and Lambda's error response.
 */
final class EventDocument {

  private EventDocument() {
  }

  static JsonNode read(InputStream input) {
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(input);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new InvalidEventException("$", "is not valid JSON"
          + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (node == null || node.isMissingNode() || !node.isObject()) {
      throw new InvalidEventException("$", "must be a JSON object");
    }
    return node;
  }
}
