package dev.responders.tools.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.responders.tools.invoke.LocalInvoker.Invocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One run of {@code bin/invoke} as a test sees it: the exit status, the result on standard output and the log on
 * standard error, each read back from a file. Every function's contract test of {@code bin/invoke} runs it so.
 *
 * @param status 0, or 1 on a function error (the log then ends with Lambda's errorType/errorMessage JSON)
 */
public record LocalRun(int status, String output, String log) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Runs {@code function} of the template under {@code root} on {@code event}, with {@code options} after the
   * event file as on the command line, in an environment with {@code environment} added (the emulator's).
   */
  public static LocalRun of(Path root, Path work, Map<String, String> environment, String function, String event,
      String... options) throws IOException, InterruptedException {
    Path eventFile = Files.writeString(work.resolve("event.json"), event);
    Path output = work.resolve("output.json");
    Path log = work.resolve("log.txt");
    List<String> args = new ArrayList<>(List.of(function, eventFile.toString()));
    args.addAll(List.of(options));
    Invocation invocation = Invocation.parse(args.toArray(String[]::new)).withEnvironment(environment);
    int status = LocalInvoker.run(invocation, root, ProcessBuilder.Redirect.to(output.toFile()),
        ProcessBuilder.Redirect.to(log.toFile()));
    return new LocalRun(status, Files.readString(output).strip(), Files.readString(log));
  }

  /** The function's result, as JSON. */
  public JsonNode result() {
    return read(output);
  }

  /** The runner's timing line on the log: {@code jvm_to_init_ms}, {@code init_ms}, {@code snapshot_hooks_ms}, ... */
  public JsonNode timing() {
    return read(log.lines().filter(l -> l.startsWith("{\"runner\":\"timing\"")).findFirst()
        .orElseThrow(() -> new IllegalStateException("no timing line in the log:\n" + log)));
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + json, e);
    }
  }
}
