package dev.responders.tools.bench;

import dev.responders.tools.invoke.LocalInvoker;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code BENCHMARKS.md}: the figures, the targets they are held to, and where and how they were measured. */
final class BenchmarkReport {

  static final double COLD_TARGET = 1.0;
  static final double PRIMED_TARGET = 0.12;
  static final long ARTIFACT_TARGET_BYTES = 10_000_000;
  static final double OUTSIDE_SDK_TARGET_MS = 2.0;

  /** The headline table's header; its row per event is {@link #headlineRow}. README quotes this table. */
  static final String HEADLINE = "| function | event | reference (Python) | cold | primed | warm p50 / p99 "
      + "| warm outside SDK p50 | AWS calls (handler / reference) | peak RSS | artifact zipped |";

  private final BenchOptions options;
  private final List<FunctionFigures> functions;
  private final List<String> notMeasured;
  private final Machine machine;

  BenchmarkReport(Machine machine, BenchOptions options, List<FunctionFigures> functions, List<String> notMeasured) {
    this.machine = machine;
    this.options = options;
    this.functions = functions;
    this.notMeasured = notMeasured;
  }

  String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("# Benchmarks\n\n")
        .append("Written by `bin/bench` (").append(command()).append("); do not edit by hand. Every cold figure is ")
        .append("also a ratio to a Python/boto3 process making the same AWS calls, run in the same run, as many ")
        .append("times, interleaved with the function's runs: the ratio is what holds across machines.\n\n");
    out.append("## Headline (medians; ratios to the reference in the same run)\n\n").append(HEADLINE).append('\n')
        .append("|---|---|---|---|---|---|---|---|---|---|\n");
    functions.forEach(function -> function.events().forEach(event -> out.append(headlineRow(function, event))));
    out.append("\n## Targets\n\n")
        .append("| function | event | cold ≤ 1.0× | primed ≤ 0.12× | artifact ≤ 10 MB zipped | warm outside SDK ≤ 2 ms p50 |\n")
        .append("|---|---|---|---|---|---|\n");
    functions.forEach(function -> function.events().forEach(event -> out.append(targetRow(function, event))));
    out.append("\n## Warm (one JVM, ").append(options.warm()).append(" invocations per event)\n\n")
        .append("| function | event | total p50 | total p99 | inside SDK p50 | inside SDK p99 | outside SDK p50 ")
        .append("| outside SDK p99 | peak RSS after the last |\n|---|---|---|---|---|---|---|---|---|\n");
    functions.forEach(function -> function.events().forEach(event -> out.append(String.format(Locale.ROOT,
        "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", function.logicalId(), event.event(),
        ms(event.warm().median()), ms(event.warm().percentile(99)), ms(event.warmInsideSdk().median()),
        ms(event.warmInsideSdk().percentile(99)), ms(event.warmOutsideSdk().median()),
        ms(event.warmOutsideSdk().percentile(99)), mib(event.warmPeakRssKb() * 1024)))));
    out.append("\n## Cold and primed runs (every run, ms)\n\n| function | event | measure | runs |\n|---|---|---|---|\n");
    functions.forEach(function -> function.events().forEach(event -> {
      out.append(runsRow(function, event, "reference (Python)", event.reference()));
      out.append(runsRow(function, event, "cold", event.cold()));
      out.append(runsRow(function, event, "primed", event.primed()));
    }));
    out.append("\n## AWS calls per event\n\n| function | event | handler (interceptor, in order) | reference ")
        .append("(botocore hook) |\n|---|---|---|---|\n");
    functions.forEach(function -> function.events().forEach(event -> out.append(String.format(Locale.ROOT,
        "| %s | %s | %d: %s | %d%s |%n", function.logicalId(), event.event(), event.javaCalls().size(),
        String.join(", ", event.javaCalls()), event.referenceCalls().size(),
        event.sameCalls() ? ", the same operations" : ": " + String.join(", ", event.referenceCalls())))));
    out.append("\n## State between runs\n\nEach function starts on a reset emulator, seeded once; warm runs reset and ")
        .append("seed it again every ").append(FunctionMeasurement.RESEED_EVERY).append(" invocations, outside the ")
        .append("timed region, so the state earlier runs left does not slow the later ones.\n\n");
    functions.forEach(function -> out.append("- ").append(function.logicalId()).append(": ")
        .append(function.stateBetweenRuns()).append('\n'));
    if (!notMeasured.isEmpty()) {
      out.append("\nFunctions of template.yaml without a bench class yet (not measured): ")
          .append(String.join(", ", notMeasured)).append(".\n");
    }
    out.append("\n## How it was measured\n\n")
        .append("- reference: `tools/bench-reference/<function>.py`, run by `.venv/bin/python`, wall time from ")
        .append("process start to exit (interpreter start, boto3 import, client creation, the calls).\n")
        .append("- cold: the function's artifact (`functions/<module>/target/lambda`) under Lambda's runtime ")
        .append("interface client and the Runtime Interface Emulator, as `bin/invoke` runs it, with Lambda's java21 ")
        .append("command line (for 1024 MB: `").append(String.join(" ", LocalInvoker.lambdaJvmFlags(1024)))
        .append("`); the emulator's REPORT Duration, which runs from the invoke to the result and covers the ")
        .append("JVM's start and the handler's init (the emulator starts the runtime on the first invoke).\n")
        .append("- primed: `bin/invoke --snapstart`: init, the CRaC priming hooks, then the first invocation, ")
        .append("which alone is timed (a real restore's own time is not counted).\n")
        .append("- warm, calls, peak RSS: one JVM with Lambda's flags on the artifact plus a probe folder ")
        .append("(`tools/target/bench-probe`, never in the artifact) holding an SDK `ExecutionInterceptor` ")
        .append("registered through `software/amazon/awssdk/global/handlers/execution.interceptors`; it times each ")
        .append("call from `beforeExecution` to `afterExecution` (retries included) and counts them. Peak RSS is ")
        .append("the JVM's VmHWM after its first invocation (init included).\n")
        .append("- artifact: the artifact folder zipped (deflate), as `sam build` ships it.\n");
    out.append("\n## Machine\n\n")
        .append("| | |\n|---|---|\n")
        .append("| cores | ").append(machine.cores()).append(" |\n")
        .append("| memory | ").append(machine.memory()).append(" |\n")
        .append("| OS | ").append(machine.os()).append(" |\n")
        .append("| JVM | ").append(machine.jvm()).append(" |\n")
        .append("| Python, boto3 | ").append(machine.python()).append(", ").append(machine.boto3()).append(" |\n")
        .append("| moto | ").append(machine.moto()).append(" |\n")
        .append("| date | ").append(machine.date()).append(" |\n")
        .append("| commit | ").append(machine.commit()).append(" |\n")
        .append("| runs | ").append(options.runs()).append(" cold, primed and reference per event; ")
        .append(options.warm()).append(" warm |\n")
        .append("| load average (1, 5, 15 min) | at start ").append(machine.loadAverage()).append(", at end ")
        .append(Machine.currentLoadAverage()).append(" |\n");
    return out.toString();
  }

  static String headlineRow(FunctionFigures function, EventFigures event) {
    return String.format(Locale.ROOT, "| %s | %s | %s | %s = %.2f× | %s = %.2f× | %s / %s | %s | %d / %d | %s | %s |%n",
        function.logicalId(), event.event(), ms(event.reference().median()), ms(event.cold().median()),
        event.coldRatio(), ms(event.primed().median()), event.primedRatio(), ms(event.warm().median()),
        ms(event.warm().percentile(99)), ms(event.warmOutsideSdk().median()), event.javaCalls().size(),
        event.referenceCalls().size(), mib(event.peakRssKb() * 1024), mib(function.artifactZippedBytes()));
  }

  private static String targetRow(FunctionFigures function, EventFigures event) {
    return String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", function.logicalId(), event.event(),
        verdict(event.coldRatio() <= COLD_TARGET, String.format(Locale.ROOT, "%.2f×", event.coldRatio())),
        verdict(event.primedRatio() <= PRIMED_TARGET, String.format(Locale.ROOT, "%.2f×", event.primedRatio())),
        verdict(function.artifactZippedBytes() <= ARTIFACT_TARGET_BYTES, mib(function.artifactZippedBytes())),
        verdict(event.warmOutsideSdk().median() <= OUTSIDE_SDK_TARGET_MS, ms(event.warmOutsideSdk().median())));
  }

  private static String runsRow(FunctionFigures function, EventFigures event, String measure, Timings timings) {
    return "| " + function.logicalId() + " | " + event.event() + " | " + measure + " | "
        + String.join(", ", timings.millis().stream().map(m -> String.format(Locale.ROOT, "%.0f", m)).toList())
        + " |\n";
  }

  private String command() {
    return "`bin/bench --runs " + options.runs() + " --warm " + options.warm()
        + (options.functions().isEmpty() ? "" : " --functions " + String.join(",", options.functions())) + "`";
  }

  private static String verdict(boolean met, String figure) {
    return (met ? "met, " : "**missed**, ") + figure;
  }

  static String ms(double millis) {
    return millis >= 100 ? String.format(Locale.ROOT, "%.0f ms", millis)
        : String.format(Locale.ROOT, "%.1f ms", millis);
  }

  static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }

  /** Where the report goes by default: the repository's root. */
  static Path defaultPath(Path root) {
    return root.resolve("BENCHMARKS.md");
  }
}
