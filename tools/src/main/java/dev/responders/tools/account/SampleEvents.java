package dev.responders.tools.account;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responders.tools.RepositoryRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The sample events of {@code events/}, shared by SAM, the tests and the demo. */
public final class SampleEvents {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SampleEvents() {
  }

  public static Path folder(String handler) {
    return RepositoryRoot.find().resolve("events").resolve(handler);
  }

  public static String read(String handler, String file) {
    try {
      return Files.readString(folder(handler).resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The event with its first resource ARN pointing at {@code resourceId} instead (same partition, service,
   * region, account and type), so a sample can be replayed against resources the emulator created. An ARN
   * of another kind of resource (a volume when {@code resourceId} is an instance) is left as it is.
   */
  public static String aimedAt(String event, String resourceId) {
    try {
      ObjectNode node = (ObjectNode) JSON.readTree(event);
      ArrayNode resources = (ArrayNode) node.get("resources");
      String arn = resources.get(0).asText();
      String currentId = arn.substring(arn.lastIndexOf('/') + 1);
      if (!arn.contains("/") || !idPrefix(currentId).equals(idPrefix(resourceId))) {
        return event;
      }
      resources.removeAll().add(arn.substring(0, arn.lastIndexOf('/') + 1) + resourceId);
      return node.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String idPrefix(String id) {
    int dash = id.indexOf('-');
    return dash < 0 ? id : id.substring(0, dash + 1);
  }
}
