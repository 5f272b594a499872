package dev.responders.tools.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.responders.tools.invoke.LocalInvoker.Invocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of {@code bin/invoke} as a test sees it: the exit status, the result on standard output and the log on
 * standard error, each read back from a file. Every function's contract test of {@code bin/invoke} runs it so.
 *
 * @param status 0, or 1 on a function error (the log then ends with Lambda's errorType/errorMessage JSON)
 * @param output the function's result
 * @param log    what the function and the emulator printed: audit and metric lines, START, END and REPORT
 */
public record LocalRun(int status, String output, String log) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern REPORT_FIGURE = Pattern.compile("([A-Z][A-Za-z ]+): ([0-9.]+) (?:ms|MB)");

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
    // A function error writes no result: the output file is then never created.
    return new LocalRun(status, Files.exists(output) ? Files.readString(output).strip() : "", Files.readString(log));
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

  /** Lambda's function error (errorType, errorMessage, stackTrace): the last such line of the log. */
  public JsonNode error() {
    List<String> lines = log.lines().filter(l -> l.startsWith("{") && l.contains("\"errorType\"")).toList();
    if (lines.isEmpty()) {
      throw new IllegalStateException("no function error in the log:\n" + log);
    }
    return read(lines.get(lines.size() - 1));
  }

  /**
   * The emulator's REPORT line as figures: {@code Init Duration} (on a cold start), {@code Duration},
   * {@code Billed Duration} in ms, {@code Memory Size} in MB.
   */
  public Map<String, Double> report() {
    String line = log.lines().filter(l -> l.startsWith("REPORT RequestId:")).findFirst()
        .orElseThrow(() -> new IllegalStateException("no REPORT line in the log:\n" + log));
    Map<String, Double> figures = new LinkedHashMap<>();
    Matcher figure = REPORT_FIGURE.matcher(line);
    while (figure.find()) {
      figures.put(figure.group(1), Double.valueOf(figure.group(2)));
    }
    return figures;
  }

  /** Every count the function wrote as CloudWatch Embedded Metric Format lines, summed per metric name. */
  public Map<String, Integer> metrics() {
    Map<String, Integer> counts = new TreeMap<>();
    log.lines().filter(l -> l.startsWith("{\"_aws\"")).map(LocalRun::read).forEach(line -> {
      for (JsonNode metric : line.path("_aws").path("CloudWatchMetrics").path(0).path("Metrics")) {
        String name = metric.path("Name").asText();
        counts.merge(name, line.path(name).asInt(), Integer::sum);
      }
    });
    return counts;
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + json, e);
    }
  }
}
