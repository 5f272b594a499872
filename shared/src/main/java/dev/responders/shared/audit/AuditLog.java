package dev.responders.shared.audit;

import dev.responders.shared.json.Json;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.AwsResponse;

/**
 * The audit trail of one invocation: every decision and every AWS mutation becomes one structured JSON line
 * in the function's log (CloudWatch Logs), and is kept so the handler can return or attach it.
 * Values passed as before/after must never hold credentials or tokens.
 */
public final class AuditLog {

  public static final String METRIC_NAMESPACE = "AwsEventResponders";
  /** The metric of an invocation that threw after its event was read. */
  public static final String FAILED = "Failed";

  private final String handler;
  private final String eventId;
  private final Consumer<String> sink;
  private final Clock clock;
  private final List<AuditRecord> records = new ArrayList<>();

  public AuditLog(String handler, String eventId, Consumer<String> sink, Clock clock) {
    this.handler = handler;
    this.eventId = eventId;
    this.sink = sink;
    this.clock = clock;
  }

  /** An audit log that writes to standard output, which Lambda sends to CloudWatch Logs. */
  public static AuditLog toStandardOutput(String handler, String eventId) {
    return new AuditLog(handler, eventId, System.out::println, Clock.systemUTC());
  }

  public AuditRecord changed(String action, String target, Object before, Object after, AwsResponse response) {
    return write("mutation", action, target, before, after, "changed", requestId(response), null);
  }

  public AuditRecord unchanged(String action, String target, Object state, String why) {
    return write("mutation", action, target, state, state, "unchanged", null, why);
  }

  public AuditRecord failed(String action, String target, Object before, Throwable error) {
    return write("mutation", action, target, before, null, "failed", null, error.getMessage());
  }

  public AuditRecord decision(String decision, String target, String why) {
    return write("decision", decision, target, null, null, "decided", null, why);
  }

  /**
   * Counts one occurrence of {@code metric} (e.g. {@code SkippedStale}) as a CloudWatch Embedded Metric Format
   * line in the same log: CloudWatch turns it into a metric in namespace {@value #METRIC_NAMESPACE} with the
   * dimension {@code Function}, with no API call on the invocation's path.
   */
  public void metric(String metric) {
    metrics(Map.of(metric, 1));
  }

  /** Several counts in one EMF line (e.g. findings per outcome); counts of zero are left out. */
  public void metrics(Map<String, Integer> counts) {
    Map<String, Integer> nonZero = new TreeMap<>();
    counts.forEach((name, count) -> {
      if (count != null && count > 0) {
        nonZero.put(name, count);
      }
    });
    if (nonZero.isEmpty()) {
      return;
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("_aws", Map.of("Timestamp", clock.millis(), "CloudWatchMetrics", List.of(Map.of(
        "Namespace", METRIC_NAMESPACE, "Dimensions", List.of(List.of("Function")),
        "Metrics", nonZero.keySet().stream().map(name -> Map.of("Name", name, "Unit", "Count")).toList()))));
    line.put("Function", handler);
    line.putAll(nonZero);
    sink.accept(Json.write(line));
  }

  /** Counts the invocation's outcome under its name: {@code ALREADY_ISOLATED} is the metric {@code AlreadyIsolated}. */
  public void outcome(Enum<?> outcome) {
    metric(metricName(outcome));
  }

  /**
   * Runs the invocation's work and counts its outcome, or {@value #FAILED} when it throws (the error still
   * propagates, so Lambda retries): every invocation that gets this far is counted once.
   */
  public <R> R counted(Supplier<R> work, Function<R, ? extends Enum<?>> outcome) {
    R result;
    try {
      result = work.get();
    } catch (RuntimeException | Error e) {
      metric(FAILED);
      throw e;
    }
    outcome(outcome.apply(result));
    return result;
  }

  /** An outcome constant as a metric name: {@code NOTHING_TO_FIX} becomes {@code NothingToFix}. */
  public static String metricName(Enum<?> outcome) {
    StringBuilder name = new StringBuilder();
    for (String word : outcome.name().split("_")) {
      if (!word.isEmpty()) {
        name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
      }
    }
    return name.toString();
  }

  /** Every record written so far, in order. */
  public List<AuditRecord> records() {
    return List.copyOf(records);
  }

  /** Only the records of mutations that changed something. */
  public List<AuditRecord> changes() {
    return records.stream().filter(r -> "changed".equals(r.outcome())).toList();
  }

  private AuditRecord write(String kind, String action, String target, Object before, Object after,
      String outcome, String requestId, String detail) {
    AuditRecord record = new AuditRecord(clock.instant(), kind, handler, eventId, action, target, before, after,
        outcome, requestId, detail);
    records.add(record);
    sink.accept(Json.write(record));
    return record;
  }

  private static String requestId(AwsResponse response) {
    return response == null ? null : response.responseMetadata().requestId();
  }
}
