package dev.responders.tools.bench;

import dev.responders.tools.account.SampleEvents;
import dev.responders.tools.emulator.MotoServer;
import java.util.List;
import java.util.Map;

/**
 * What the benchmark knows of one function: the sample events of {@code events/} it runs that act, how to seed the
 * emulator for them, and the Python/boto3 script that makes the same AWS calls. One small class per function, so
 * {@link Benchmark} stays a list that names them.
 */
interface FunctionBench extends AutoCloseable {

  /** The function's logical id in template.yaml. */
  String logicalId();

  /**
   * The sample events that act, relative to {@code events/} (each a row of the report); for a function no sample
   * file is written for (a workflow step, the approval link), a label of the event its {@link #prepare} builds.
   */
  List<String> events();

  /** The reference script, relative to {@code tools/bench-reference/}. */
  String reference();

  /**
   * Seeds what every run of the function needs, once, on an emulator just reset; its seeding clients are built
   * here, not before, so a bench that is not selected builds none.
   */
  void seed(MotoServer moto) throws Exception;

  /**
   * Seeds the state one run of {@code event} acts on (outside any timed region) and returns the event aimed at it,
   * with the arguments that make the reference script do the same work.
   */
  Run prepare(String event) throws Exception;

  /**
   * What the function and the reference process get on top of the emulator's endpoint and credentials, asked for
   * after {@link #seed}: the endpoint of a peer the emulator lacks ({@code AWS_ENDPOINT_URL_SECURITYHUB} at a
   * WireMock server, a Zendesk base URL), or a template value the function needs locally. A peer the bench starts
   * keeps its address across re-seeding, since the warm JVM's environment is set once.
   */
  default Map<String, String> environment() {
    return Map.of();
  }

  /** What is re-seeded between two runs, or why the event's work is idempotent (said in the report). */
  String stateBetweenRuns();

  /** Seeding clients are closed here. */
  @Override
  void close();

  /** The sample event {@code handler/file...} of {@code events/}, as it is written. */
  static String sample(String event) {
    try {
      return java.nio.file.Files.readString(sampleFile(event));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Where the sample event {@code handler/file...} is. */
  static java.nio.file.Path sampleFile(String event) {
    String[] path = event.split("/", 2);
    return SampleEvents.folder(path[0]).resolve(path[1]);
  }

  /** One run's event and the reference script's arguments ({@code name=value}). */
  record Run(String event, List<String> referenceArguments) {
  }
}
