package dev.responders.tools;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root folder, found from wherever a tool or test runs inside it. */
public final class RepositoryRoot {

  private RepositoryRoot() {
  }

  /**
   * Walks up from {@code user.dir} to the first folder holding both {@code template.yaml} and {@code mvnw}:
   * Maven runs module tests from the module's folder, tools and the demo may run from the root.
   */
  public static Path find() {
    Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
    for (Path folder = start; folder != null; folder = folder.getParent()) {
      if (Files.isRegularFile(folder.resolve("template.yaml")) && Files.isRegularFile(folder.resolve("mvnw"))) {
        return folder;
      }
    }
    throw new IllegalStateException("no folder holding template.yaml and mvnw above " + start
        + ": run from inside the aws-event-responders repository");
  }
}
