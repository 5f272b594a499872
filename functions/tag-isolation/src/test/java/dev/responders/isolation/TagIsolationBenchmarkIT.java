package dev.responders.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.responders.tools.RepositoryRoot;
import dev.responders.tools.bench.BenchOptions;
import dev.responders.tools.bench.Benchmark;
import dev.responders.tools.emulator.MotoExtension;
import dev.responders.tools.emulator.MotoServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/bench's code path on this function with tiny counts (CI never runs the full benchmark): the report it writes
 * has every column of the headline with a figure in range, the reference made the handler's calls, and the
 * machine it ran on is described. Here, not in tools/, because the function's artifact exists only after this
 * module's package phase.
 */
@ExtendWith(MotoExtension.class)
class TagIsolationBenchmarkIT {

  private static final Pattern MS = Pattern.compile("([0-9.]+) ms");
  private static final Pattern RATIO = Pattern.compile("([0-9.]+) ms = ([0-9.]+)×");
  private static final Pattern MIB = Pattern.compile("([0-9.]+) MiB");

  @Test
  void reportsEveryMeasureOfTheIsolationAgainstItsPythonReference(MotoServer moto, @TempDir Path work)
      throws Exception {
    Path out = work.resolve("BENCHMARKS.md");
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    Benchmark.run(RepositoryRoot.find(), BenchOptions.parse(new String[] {"--runs", "1", "--warm", "3",
        "--functions", "TagIsolationFunction", "--out", out.toString()}, out), moto,
        new PrintStream(progress, true, StandardCharsets.UTF_8));

    String report = Files.readString(out);
    List<String> row = cells(report.lines()
        .filter(l -> l.startsWith("| TagIsolationFunction | tag-isolation/isolate-tag-applied.json | ")).findFirst()
        .orElseThrow(() -> new AssertionError("no headline row in:\n" + report)));
    assertThat(row).hasSize(10);
    double reference = number(MS, row.get(2), 1);
    assertThat(reference).as("reference").isBetween(50.0, 120_000.0);
    assertRatio(row.get(3), reference, "cold");
    assertRatio(row.get(4), reference, "primed");
    String[] warm = row.get(5).split(" / ");
    assertThat(number(MS, warm[0], 1)).as("warm p50").isPositive().isLessThanOrEqualTo(number(MS, warm[1], 1));
    assertThat(number(MS, row.get(6), 1)).as("warm outside SDK p50").isPositive()
        .isLessThan(number(MS, warm[0], 1));
    String[] calls = row.get(7).split(" / ");
    assertThat(Integer.parseInt(calls[0])).as("handler's calls").isGreaterThan(10).isEqualTo(Integer.parseInt(calls[1]));
    System.out.printf("tag-isolation bench AWS calls: handler %s, reference %s%n", calls[0], calls[1]);
    assertThat(number(MIB, row.get(8), 1)).as("peak RSS").isBetween(30.0, 2048.0);
    assertThat(number(MIB, row.get(9), 1)).as("artifact zipped").isBetween(0.1, 250.0);
    assertThat(report).contains("the same operations", "Ec2.CreateSecurityGroup", "| cores | ", "| JVM | ",
        "| moto | 5.", "| runs | 1 cold, primed and reference per event; 3 warm |", "load average");
    assertThat(report).doesNotContain("unknown", "NaN");
    assertThat(progress.toString(StandardCharsets.UTF_8)).contains("AWS calls: handler " + calls[0],
        "reference " + calls[1]);
  }

  private static void assertRatio(String cell, double reference, String measure) {
    Matcher figure = RATIO.matcher(cell);
    assertThat(figure.find()).as(measure + " cell " + cell).isTrue();
    double millis = Double.parseDouble(figure.group(1));
    assertThat(millis).as(measure).isPositive();
    assertThat(Double.parseDouble(figure.group(2))).as(measure + " ratio")
        .isCloseTo(millis / reference, org.assertj.core.data.Offset.offset(0.01 + millis / reference * 0.01));
  }

  private static double number(Pattern pattern, String cell, int group) {
    Matcher figure = pattern.matcher(cell);
    assertThat(figure.find()).as("a figure in '" + cell + "'").isTrue();
    return Double.parseDouble(figure.group(group));
  }

  private static List<String> cells(String row) {
    return Arrays.stream(row.substring(1, row.length() - 1).split("\\|")).map(String::strip).toList();
  }
}
