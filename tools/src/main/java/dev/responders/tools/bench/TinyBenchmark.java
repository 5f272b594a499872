package dev.responders.tools.bench;

import dev.responders.tools.RepositoryRoot;
import dev.responders.tools.emulator.MotoServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bin/bench's code path with tiny counts (1 cold, primed and reference run, 2 warm), for a module's integration
 * test: CI never runs the full benchmark, but proves each bench seeds, runs the function cold, primed and warm, runs
 * its Python reference, and that both make the same AWS calls. Each headline row of the report is checked: every
 * figure present and in range, the calls the same. A module's test calls it after its package phase, when its
 * artifact exists.
 */
public final class TinyBenchmark {

  private static final Pattern MS = Pattern.compile("([0-9.]+) ms");
  private static final Pattern RATIO = Pattern.compile("([0-9.]+) ms = ([0-9.]+)×");
  private static final Pattern MIB = Pattern.compile("([0-9.]+) MiB");

  private TinyBenchmark() {
  }

  /**
   * Benches {@code logicalIds} against {@code moto}, writing the report under {@code work}; returns it. Throws an
   * {@link AssertionError} naming every problem found in it.
   */
  public static String check(MotoServer moto, Path work, String... logicalIds) throws Exception {
    Path out = work.resolve("BENCHMARKS.md");
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    Benchmark.run(RepositoryRoot.find(), BenchOptions.parse(new String[] {"--runs", "1", "--warm", "2",
        "--functions", String.join(",", logicalIds), "--out", out.toString()}, out), moto,
        new PrintStream(progress, true, StandardCharsets.UTF_8));
    String report = Files.readString(out);
    List<String> problems = new ArrayList<>();
    for (String logicalId : logicalIds) {
      List<String> rows = report.lines().filter(l -> l.startsWith("| " + logicalId + " | ")).toList();
      if (rows.isEmpty()) {
        problems.add(logicalId + ": no row");
      }
      // The first table is the headline; each event has one row in each of the report's tables.
      int events = (int) Benchmark.benches().stream().filter(b -> b.logicalId().equals(logicalId))
          .mapToLong(b -> b.events().size()).sum();
      rows.stream().limit(events).forEach(row -> problems.addAll(headlineProblems(logicalId, cells(row))));
      long sameCalls = rows.stream().filter(l -> l.endsWith(", the same operations |")).count();
      if (sameCalls != events) {
        problems.add(logicalId + ": the reference made other operations than the handler on " + (events - sameCalls)
            + " of " + events + " event(s)");
      }
      if (!report.contains("- " + logicalId + ": ")) {
        problems.add(logicalId + ": no state between runs");
      }
    }
    if (report.contains("NaN") || report.contains("unknown")) {
      problems.add("a figure is missing (NaN or unknown)");
    }
    if (!report.contains("| runs | 1 cold, primed and reference per event; 2 warm |")) {
      problems.add("the machine table does not say the counts");
    }
    if (!problems.isEmpty()) {
      throw new AssertionError(String.join("\n", problems) + "\n\nreport:\n" + report + "\nprogress:\n"
          + progress.toString(StandardCharsets.UTF_8));
    }
    return report;
  }

  private static List<String> headlineProblems(String logicalId, List<String> row) {
    List<String> problems = new ArrayList<>();
    String at = logicalId + " " + (row.size() > 1 ? row.get(1) : "?") + ": ";
    if (row.size() != 10) {
      return List.of(at + "the headline row has " + row.size() + " cells, not 10: " + row);
    }
    double reference = number(MS, row.get(2));
    check(problems, reference >= 50 && reference <= 120_000, at + "reference " + row.get(2));
    for (int cell : new int[] {3, 4}) {
      Matcher figure = RATIO.matcher(row.get(cell));
      boolean found = figure.find();
      check(problems, found, at + "no 'ms = ×' figure in " + row.get(cell));
      if (found) {
        double millis = Double.parseDouble(figure.group(1));
        double ratio = Double.parseDouble(figure.group(2));
        check(problems, millis > 0 && Math.abs(ratio - millis / reference) <= 0.01 + millis / reference * 0.01,
            at + "ratio " + row.get(cell) + " is not its time over the reference's " + reference + " ms");
      }
    }
    String[] warm = row.get(5).split(" / ");
    check(problems, warm.length == 2 && number(MS, warm[0]) > 0 && number(MS, warm[0]) <= number(MS, warm[1]),
        at + "warm p50 / p99 " + row.get(5));
    double outside = number(MS, row.get(6));
    check(problems, outside > 0 && warm.length == 2 && outside < number(MS, warm[0]),
        at + "warm outside SDK " + row.get(6) + " of " + row.get(5));
    String[] calls = row.get(7).split(" / ");
    check(problems, calls.length == 2 && Integer.parseInt(calls[0]) > 0 && calls[0].equals(calls[1]),
        at + "AWS calls handler / reference " + row.get(7));
    double rss = number(MIB, row.get(8));
    check(problems, rss >= 30 && rss <= 2048, at + "peak RSS " + row.get(8));
    double artifact = number(MIB, row.get(9));
    check(problems, artifact >= 0.1 && artifact <= 250, at + "artifact " + row.get(9));
    return problems;
  }

  private static void check(List<String> problems, boolean holds, String problem) {
    if (!holds) {
      problems.add(problem);
    }
  }

  private static double number(Pattern pattern, String cell) {
    Matcher figure = pattern.matcher(cell);
    return figure.find() ? Double.parseDouble(figure.group(1)) : Double.NaN;
  }

  private static List<String> cells(String row) {
    return Arrays.stream(row.substring(1, row.length() - 1).split("\\|")).map(String::strip).toList();
  }
}
