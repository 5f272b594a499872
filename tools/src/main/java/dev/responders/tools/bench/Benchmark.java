package dev.responders.tools.bench;

import dev.responders.tools.RepositoryRoot;
import dev.responders.tools.bench.probe.ProbeFolder;
import dev.responders.tools.emulator.MotoServer;
import dev.responders.tools.invoke.LocalInvoker;
import dev.responders.tools.template.FunctionDefinition;
import dev.responders.tools.template.Template;
import dev.responders.tools.template.TemplateOptions;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code bin/bench}: every function of template.yaml that has a bench class, on each of its sample events that act,
 * against the local emulator: cold, primed and warm figures beside a Python/boto3 process making the same calls in
 * the same run, calls per event, peak RSS and the artifact zipped; written to {@code BENCHMARKS.md}.
 */
public final class Benchmark {

  /**
   * One per function; a function of the template missing here is listed in the report as not measured. Building
   * one seeds nothing (its {@code seed} does), so the list is cheap to make.
   */
  static final List<Supplier<FunctionBench>> FUNCTIONS = List.of(TagIsolationBench::new, TagReleaseBench::new,
      TagIsolationDriftBench::new,
      GlueSetTypeFixerBench::new, AmiParameterUpdaterBench::new, BlueGreenFlipBench::new,
      SecurityHubPlaybooksBench::new, ZendeskArticlePublisherBench::new, ZendeskWebhookBench::new,
      IamPolicyGuardBench::new, IamPolicyDecisionBench::new, IamPolicyApprovalBench::new);

  static final String USAGE = "usage: bin/bench [--runs 5] [--warm 200] [--functions Id,Id] [--out BENCHMARKS.md]";

  private Benchmark() {
  }

  public static void main(String[] args) throws Exception {
    if (Arrays.asList(args).contains("--help")) {
      System.out.println(USAGE);
      System.out.println("  --runs       cold, primed and reference runs per event (default "
          + BenchOptions.DEFAULT_RUNS + ")");
      System.out.println("  --warm       invocations per event in one warm JVM (default "
          + BenchOptions.DEFAULT_WARM + ")");
      System.out.println("  --functions  logical ids of template.yaml, comma-separated (default: every benched one: "
          + String.join(",", benches().stream().map(FunctionBench::logicalId).toList()) + ")");
      System.out.println("  --out        where the report goes (default BENCHMARKS.md at the repository's root)");
      return;
    }
    Path root = RepositoryRoot.find();
    BenchOptions options;
    try {
      options = BenchOptions.parse(args, BenchmarkReport.defaultPath(root));
      requireBenched(options.functions(), benches().stream().map(FunctionBench::logicalId).toList());
    } catch (IllegalArgumentException e) {
      System.err.println("bin/bench: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    try (MotoServer moto = MotoServer.start()) {
      moto.useInThisJvm();
      System.out.println("wrote " + run(root, options, moto, System.out));
    }
  }

  /**
   * Measures what {@code options} select against {@code moto} (which this JVM's clients already use; it is reset
   * before each function) and writes the report; returns where.
   */
  public static Path run(Path root, BenchOptions options, MotoServer moto, PrintStream progress) throws Exception {
    Template template = Template.load(root.resolve("template.yaml"),
        new TemplateOptions(Map.of(), LocalInvoker.localRegion(), TemplateOptions.DEFAULT_ACCOUNT_ID));
    Path probe = ProbeFolder.write(root.resolve("tools/target/bench-probe"));
    Machine machine = Machine.describe(root, root.resolve(".venv/bin/python"));
    List<FunctionBench> benches = benches();
    List<String> benched = benches.stream().map(FunctionBench::logicalId).toList();
    requireBenched(options.functions(), benched);
    List<FunctionFigures> measured = new ArrayList<>();
    List<String> notMeasured = template.functions().keySet().stream().filter(id -> !benched.contains(id)).toList();
    for (FunctionBench bench : benches) {
      if (!options.selects(bench.logicalId())) {
        continue;
      }
      FunctionDefinition function = template.functions().get(bench.logicalId());
      if (function == null) {
        throw new IllegalStateException("template.yaml has no function " + bench.logicalId());
      }
      progress.println(bench.logicalId() + ":");
      try (FunctionBench seeded = bench) {
        measured.add(new FunctionMeasurement(root, moto, function, probe, options, progress).measure(seeded));
      }
      // Written after each function: a run stopped half-way leaves what it measured.
      Files.writeString(options.out(), new BenchmarkReport(machine, options, measured, notMeasured).markdown());
    }
    if (measured.isEmpty()) {
      Files.writeString(options.out(), new BenchmarkReport(machine, options, measured, notMeasured).markdown());
    }
    return options.out();
  }

  static List<FunctionBench> benches() {
    return FUNCTIONS.stream().map(Supplier::get).toList();
  }

  /** A function asked for by {@code --functions} that has no bench class is a mistake, not an empty report. */
  private static void requireBenched(List<String> selected, List<String> benched) {
    List<String> unknown = selected.stream().filter(id -> !benched.contains(id)).toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("no bench class for " + unknown + "; the benched functions are " + benched);
    }
  }
}
