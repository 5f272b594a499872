package dev.responders.tools.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code bin/bench [--runs N] [--warm N] [--functions Id,Id] [--out FILE]}: cold and primed runs per event (each
 * against a reference run), warm invocations per event, which functions (default all), where the report goes.
 */
public record BenchOptions(int runs, int warm, List<String> functions, Path out) {

  static final int DEFAULT_RUNS = 5;
  static final int DEFAULT_WARM = 200;

  public static BenchOptions parse(String[] args, Path defaultOut) {
    int runs = DEFAULT_RUNS;
    int warm = DEFAULT_WARM;
    List<String> functions = List.of();
    Path out = defaultOut;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      String value = args[++i];
      switch (option) {
        case "--runs" -> runs = positive(option, value);
        case "--warm" -> warm = positive(option, value);
        case "--functions" -> functions = List.of(value.split(","));
        case "--out" -> out = Path.of(value).toAbsolutePath();
        default -> throw new IllegalArgumentException("unknown option " + option);
      }
    }
    return new BenchOptions(runs, warm, functions, out);
  }

  boolean selects(String logicalId) {
    return functions.isEmpty() || functions.contains(logicalId);
  }

  private static int positive(String option, String value) {
    try {
      int number = Integer.parseInt(value);
      if (number > 0) {
        return number;
      }
    } catch (NumberFormatException notANumber) {
      // falls through to the message below
    }
    throw new IllegalArgumentException(option + " takes a positive whole number, got " + value);
  }
}
