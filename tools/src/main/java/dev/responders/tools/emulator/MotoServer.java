package dev.responders.tools.emulator;

import dev.responders.tools.RepositoryRoot;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * moto in server mode on a free loopback port, started through {@code tools/emulator/moto_launcher.py} (which
 * corrects moto's EC2 fidelity gaps) with the project's Python ({@code .venv/bin/python}, or the
 * {@code RESPONDERS_PYTHON} environment variable).
 */
public final class MotoServer implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final Pattern READY = Pattern.compile("^moto ready on (http://\\S+)$");
  private static final int KEPT_OUTPUT_LINES = 200;

  private final Process process;
  private final URI endpoint;
  private final ProcessOutput output;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private MotoServer(Process process, URI endpoint, ProcessOutput output) {
    this.process = process;
    this.endpoint = endpoint;
    this.output = output;
  }

  /** Starts the emulator and returns once it accepts requests. */
  public static MotoServer start() {
    String configured = System.getenv("RESPONDERS_PYTHON");
    Path root = RepositoryRoot.find();
    Path python = configured == null || configured.isBlank() ? root.resolve(".venv/bin/python") : Path.of(configured);
    return start(python, root.resolve("tools/emulator/moto_launcher.py"));
  }

  static MotoServer start(Path python, Path launcher) {
    if (!Files.isExecutable(python)) {
      throw new IllegalStateException("no Python at " + python + " to run moto: run bin/setup to create .venv"
          + " (or point RESPONDERS_PYTHON at a Python with moto[server] installed)");
    }
    Process process;
    try {
      // The launcher prints the port the OS chose (--port 0), so no other process can take it in between;
      // it stops when our end of its standard input closes, so a killed JVM leaves no emulator behind.
      process = new ProcessBuilder(python.toString(), launcher.toString(),
          "--host", "127.0.0.1", "--port", "0", "--stop-on-stdin-close")
          .redirectErrorStream(true)
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + python + " " + launcher, e);
    }
    ProcessOutput output = new ProcessOutput(process);
    try {
      URI endpoint = output.ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      return new MotoServer(process, endpoint, output);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop(process, output);
      throw new IllegalStateException("interrupted while waiting for moto to start", e);
    } catch (ExecutionException | TimeoutException e) {
      stop(process, output);
      String reason = e instanceof TimeoutException ? "did not report ready within " + START_TIMEOUT
          : "exited with status " + process.exitValue() + " before it was ready";
      throw new IllegalStateException("moto " + reason + "; its output:\n" + String.join("\n", output.lastLines()));
    }
  }

  /** The base URL every AWS client should send its requests to. */
  public URI endpoint() {
    return endpoint;
  }

  /**
   * Points this JVM's AWS SDK clients at the emulator through the system properties the SDK reads itself
   * ({@code aws.endpointUrl}), with the test region and dummy credentials unless the run chose its own.
   */
  public void useInThisJvm() {
    LocalAwsSettings.useEndpoint(endpoint.toString());
    LocalAwsSettings.useTestRegionAndCredentials();
  }

  /** The environment that points another process's AWS SDK (a function run by bin/invoke) at the emulator. */
  public Map<String, String> processEnvironment() {
    return Map.of("AWS_ENDPOINT_URL", endpoint.toString(), "AWS_REGION", LocalAwsSettings.REGION,
        "AWS_ACCESS_KEY_ID", LocalAwsSettings.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", LocalAwsSettings.SECRET_KEY);
  }

  /** Forgets every resource in every service and region, as after a fresh start. */
  public void reset() {
    HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset"))
        .timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.noBody())
        .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("moto reset answered " + response.statusCode() + ": " + response.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reset moto at " + endpoint + "; its output:\n"
          + String.join("\n", output.lastLines()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while resetting moto", e);
    }
  }

  /** The emulator's most recent output lines (its request log and any Python traceback). */
  public List<String> lastOutputLines() {
    return output.lastLines();
  }

  @Override
  public void close() {
    stop(process, output);
  }

  private static void stop(Process process, ProcessOutput output) {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
      output.reader.join(STOP_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Reads the process's output to its end, so it never blocks on a full pipe; keeps the last lines. */
  private static final class ProcessOutput {

    private final CompletableFuture<URI> ready = new CompletableFuture<>();
    private final Deque<String> lines = new ArrayDeque<>();
    private final Thread reader;

    ProcessOutput(Process process) {
      reader = new Thread(() -> drain(process), "moto-output-" + process.pid());
      reader.setDaemon(true);
      reader.start();
    }

    private void drain(Process process) {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          keep(line);
          Matcher matcher = READY.matcher(line);
          if (!ready.isDone() && matcher.matches()) {
            ready.complete(URI.create(matcher.group(1)));
          }
        }
      } catch (IOException e) {
        keep("(output unreadable: " + e.getMessage() + ")");
      }
      ready.completeExceptionally(new IllegalStateException("output ended before the ready line"));
    }

    private synchronized void keep(String line) {
      if (lines.size() == KEPT_OUTPUT_LINES) {
        lines.removeFirst();
      }
      lines.addLast(line);
    }

    synchronized List<String> lastLines() {
      return List.copyOf(lines);
    }
  }
}
