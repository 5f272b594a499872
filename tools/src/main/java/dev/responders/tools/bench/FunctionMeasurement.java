package dev.responders.tools.bench;

import dev.responders.tools.emulator.MotoServer;
import dev.responders.tools.invoke.FunctionArtifact;
import dev.responders.tools.invoke.LocalInvoker;
import dev.responders.tools.invoke.LocalRun;
import dev.responders.tools.template.FunctionDefinition;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures one function on each of its events: the reference process, the cold JVM (the artifact under Lambda's
 * runtime client and the emulator, as bin/invoke runs it) and the primed first invocation ({@code bin/invoke
 * --snapstart}) interleaved run by run, each on freshly seeded state; then the warm runs in one JVM with the probe.
 */
final class FunctionMeasurement {

  /**
   * Warm invocations between two resets of the emulator (then seeded again, outside the timed region): moto slows
   * down as the resources of earlier runs pile up (a tag-isolation run took 3 s at the 1st and 7 s at the 100th).
   */
  static final int RESEED_EVERY = 25;

  private final Path root;
  private final MotoServer moto;
  private final FunctionDefinition function;
  private final Path probe;
  private final BenchOptions options;
  private final PrintStream progress;

  FunctionMeasurement(Path root, MotoServer moto, FunctionDefinition function, Path probe, BenchOptions options,
      PrintStream progress) {
    this.root = root;
    this.moto = moto;
    this.function = function;
    this.probe = probe;
    this.options = options;
    this.progress = progress;
  }

  FunctionFigures measure(FunctionBench bench) throws Exception {
    moto.reset();
    bench.seed(moto);
    List<EventFigures> events = new ArrayList<>();
    for (String event : bench.events()) {
      events.add(measure(bench, event));
    }
    FunctionArtifact artifact = FunctionArtifact.of(function, root);
    return new FunctionFigures(function.logicalId(), artifact.zippedBytes(), events,
        bench.stateBetweenRuns());
  }

  private EventFigures measure(FunctionBench bench, String event) throws Exception {
    Path work = Files.createTempDirectory("bench-");
    ReferenceProcess reference = new ReferenceProcess(root, environment(bench));
    List<Double> referenceMillis = new ArrayList<>();
    List<Double> coldMillis = new ArrayList<>();
    List<Double> primedMillis = new ArrayList<>();
    List<String> referenceCalls = List.of();
    for (int run = 1; run <= options.runs(); run++) {
      FunctionBench.Run forReference = bench.prepare(event);
      ReferenceProcess.Result python = reference.run(bench.reference(), forReference.referenceArguments());
      referenceMillis.add(python.millis());
      referenceCalls = python.operations();
      LocalRun cold = invoke(bench, work, bench.prepare(event).event());
      coldMillis.add(cold.report().get("Duration"));
      LocalRun primed = invoke(bench, work, bench.prepare(event).event(), "--snapstart");
      primedMillis.add(primed.timing().get("invoke_ms").asDouble());
      progress.printf("  %s %s run %d: reference %.0f ms, cold %.0f ms, primed %.0f ms%n", function.logicalId(),
          event, run, python.millis(), coldMillis.get(run - 1), primedMillis.get(run - 1));
    }
    Warm warm = warm(bench, event, work);
    progress.printf("  %s %s AWS calls: handler %d %s, reference %d %s%n", function.logicalId(), event,
        warm.operations().size(), warm.operations(), referenceCalls.size(), referenceCalls);
    return new EventFigures(event, new Timings(referenceMillis), new Timings(coldMillis), new Timings(primedMillis),
        warm.total(), warm.insideSdk(), warm.outsideSdk(), warm.operations(), referenceCalls,
        warm.firstPeakRssKb(), warm.lastPeakRssKb(), options.runs(), options.warm());
  }

  /** The emulator's endpoint and credentials, and what the bench adds (a peer's endpoint). */
  private Map<String, String> environment(FunctionBench bench) {
    Map<String, String> environment = new LinkedHashMap<>(moto.processEnvironment());
    environment.putAll(bench.environment());
    return environment;
  }

  private LocalRun invoke(FunctionBench bench, Path work, String event, String... options) throws Exception {
    LocalRun run = LocalRun.of(root, work, environment(bench), function.logicalId(), event, options);
    if (run.status() != 0) {
      throw new IllegalStateException(function.logicalId() + " failed:\n" + run.log());
    }
    return run;
  }

  /** The warm figures of one event: every invocation's time, inside and outside the SDK's calls. */
  private record Warm(Timings total, Timings insideSdk, Timings outsideSdk, List<String> operations,
      long firstPeakRssKb, long lastPeakRssKb) {
  }

  private Warm warm(FunctionBench bench, String event, Path work) throws Exception {
    List<Double> total = new ArrayList<>();
    List<Double> inside = new ArrayList<>();
    List<Double> outside = new ArrayList<>();
    List<String> operations = null;
    long firstPeak = 0;
    long lastPeak = 0;
    Path log = work.resolve("warm.log");
    Path eventFile = work.resolve("warm-event.json");
    try (WarmContainer container = new WarmContainer(function, FunctionArtifact.of(function, root), probe,
        LocalInvoker.environment(function, LocalInvoker.localRegion(), environment(bench)), log)) {
      for (int i = 0; i < options.warm(); i++) {
        if (i > 0 && i % RESEED_EVERY == 0) {
          moto.reset();
          bench.seed(moto);
        }
        Files.writeString(eventFile, bench.prepare(event).event());  // re-seeded outside the timed region
        WarmContainer.Invocation invocation = container.invoke(eventFile);
        if (!invocation.status().equals("ok")) {
          throw new IllegalStateException(function.logicalId() + " failed warm (" + invocation.status() + "):\n"
              + Files.readString(log));
        }
        if (operations == null) {
          operations = invocation.operations();
          firstPeak = invocation.peakRssKb();
        }
        total.add(invocation.millis());
        inside.add(invocation.millisInsideSdk());
        outside.add(invocation.millisOutsideSdk());
        lastPeak = invocation.peakRssKb();
      }
    }
    return new Warm(new Timings(total), new Timings(inside), new Timings(outside),
        operations == null ? List.of() : operations, firstPeak, lastPeak);
  }
}
