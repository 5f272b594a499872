package dev.responders.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The Python/boto3 process a user would otherwise deploy: {@code tools/bench-reference/<script>} run by the
 * project's Python ({@code .venv}, where boto3 comes with moto), timed from its start to its exit. Its last line of
 * output lists the calls it made, recorded by a botocore event hook, so the benchmark can check that the reference
 * and the handler make the same calls.
 */
final class ReferenceProcess {

  private final Path root;
  private final Map<String, String> environment;

  ReferenceProcess(Path root, Map<String, String> environment) {
    this.root = root;
    this.environment = environment;
  }

  /** One run: its wall time from process start to exit and the calls it made ({@code Service.Operation}). */
  record Result(double millis, List<String> operations) {
  }

  Result run(String script, List<String> arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(python().toString(),
        root.resolve("tools/bench-reference").resolve(script).toString()));
    command.addAll(arguments);
    Path output = Files.createTempFile("bench-reference-", ".txt");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(output.toFile());
      builder.environment().putAll(environment);
      // Lambda's Python runtime sets both; botocore reads only the second.
      builder.environment().put("AWS_DEFAULT_REGION", environment.get("AWS_REGION"));
      long start = System.nanoTime();
      int status = builder.start().waitFor();
      double millis = (System.nanoTime() - start) / 1e6;
      List<String> lines = Files.readAllLines(output);
      if (status != 0 || lines.isEmpty() || !lines.get(lines.size() - 1).startsWith("calls:")) {
        throw new IllegalStateException(script + " failed (exit " + status + "):\n" + String.join("\n", lines));
      }
      String calls = lines.get(lines.size() - 1).substring("calls:".length()).strip();
      return new Result(millis, calls.isEmpty() ? List.of() : Arrays.asList(calls.split(" ")));
    } finally {
      Files.deleteIfExists(output);
    }
  }

  Path python() {
    return root.resolve(".venv/bin/python");
  }
}
