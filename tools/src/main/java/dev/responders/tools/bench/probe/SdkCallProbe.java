package dev.responders.tools.bench.probe;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the AWS calls a function makes and the time spent inside them (from the SDK's first look at the request to
 * its result, retries included). The SDK loads it as a global interceptor from the
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors} resource of the probe folder that
 * {@link ProbeFolder} writes and only the benchmark puts on a function's class path: no shipped artifact has it.
 */
public final class SdkCallProbe implements ExecutionInterceptor {

  private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("bench.started");
  private static final List<String> OPERATIONS = new ArrayList<>();
  private static long nanosInside;

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    attributes.putAttribute(STARTED, System.nanoTime());
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    record(attributes);
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    record(attributes);
  }

  private static void record(ExecutionAttributes attributes) {
    long elapsed = System.nanoTime() - attributes.getAttribute(STARTED);
    String operation = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
        + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    synchronized (SdkCallProbe.class) {
      OPERATIONS.add(operation);
      nanosInside += elapsed;
    }
  }

  /** What was recorded since the last call, then forgets it. */
  static synchronized Calls take() {
    Calls calls = new Calls(List.copyOf(OPERATIONS), nanosInside);
    OPERATIONS.clear();
    nanosInside = 0;
    return calls;
  }

  /** The calls of one invocation, in order ({@code Service.Operation}), and the nanoseconds spent inside them. */
  record Calls(List<String> operations, long nanosInside) {
  }
}
