package dev.responders.tools.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Durations in milliseconds and the figures the report shows of them. */
record Timings(List<Double> millis) {

  Timings {
    millis = List.copyOf(millis);
  }

  /** The value at {@code percentile} (0-100), nearest rank. */
  double percentile(double percentile) {
    if (millis.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  double median() {
    return percentile(50);
  }
}
