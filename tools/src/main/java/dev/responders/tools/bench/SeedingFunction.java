package dev.responders.tools.bench;

import dev.responders.tools.RepositoryRoot;
import dev.responders.tools.bench.probe.ProbeFolder;
import dev.responders.tools.invoke.FunctionArtifact;
import dev.responders.tools.invoke.LocalInvoker;
import dev.responders.tools.template.FunctionDefinition;
import dev.responders.tools.template.Template;
import dev.responders.tools.template.TemplateOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Another function of the suite, kept warm, that seeds what the benched one acts on where only that function can
 * write it in its own format: the isolation's sealed record for the release, the approval record and signed link
 * for the approval. Its calls are its own (outside every timed region and count).
 */
final class SeedingFunction implements AutoCloseable {

  private final String logicalId;
  private final WarmContainer container;
  private final Path log;
  private final Path event;

  private SeedingFunction(String logicalId, WarmContainer container, Path log, Path event) {
    this.logicalId = logicalId;
    this.container = container;
    this.log = log;
    this.event = event;
  }

  /** Starts {@code logicalId} of template.yaml as bin/invoke would run it, with {@code environment} added. */
  static SeedingFunction start(String logicalId, Map<String, String> environment) throws IOException {
    Path root = RepositoryRoot.find();
    Template template = Template.load(root.resolve("template.yaml"),
        new TemplateOptions(Map.of(), LocalInvoker.localRegion(), TemplateOptions.DEFAULT_ACCOUNT_ID));
    FunctionDefinition function = template.function(logicalId);
    Path log = Files.createTempFile("bench-seed-" + logicalId + "-", ".log");
    Path event = Files.createTempFile("bench-seed-" + logicalId + "-", ".json");
    WarmContainer container = new WarmContainer(function, FunctionArtifact.of(function, root),
        ProbeFolder.write(root.resolve("tools/target/bench-probe")),
        LocalInvoker.environment(function, LocalInvoker.localRegion(), environment), log);
    return new SeedingFunction(logicalId, container, log, event);
  }

  /** Runs the function on {@code json}; a failure stops the bench, with the function's log. */
  void invoke(String json) throws IOException {
    Files.writeString(event, json);
    WarmContainer.Invocation invocation = container.invoke(event);
    if (!invocation.status().equals("ok")) {
      throw new IllegalStateException(logicalId + " failed seeding (" + invocation.status() + "):\n"
          + Files.readString(log));
    }
  }

  @Override
  public void close() {
    try {
      container.close();
      Files.deleteIfExists(log);
      Files.deleteIfExists(event);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
