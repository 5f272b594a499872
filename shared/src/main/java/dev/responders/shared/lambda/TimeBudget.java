package dev.responders.shared.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import dev.responders.shared.aws.AwsClients;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * What is left of the invocation's time. A handler asks before each step whether one more AWS call still fits
 * with time to spare for recording and reporting a failure; if not, it stops and reports instead of being
 * killed by Lambda's timeout half-way with nothing said.
 */
public final class TimeBudget {

  /** One call with all its retries, plus a few seconds to audit, tag the failure and notify. */
  public static final Duration RESERVE = AwsClients.CALL_TIMEOUT.plusSeconds(10);

  private final LongSupplier remainingMillis;

  private TimeBudget(LongSupplier remainingMillis) {
    this.remainingMillis = remainingMillis;
  }

  /** The invocation's own clock; without a context (tests, tools) the budget never runs out. */
  public static TimeBudget of(Context context) {
    return context == null ? unlimited() : new TimeBudget(context::getRemainingTimeInMillis);
  }

  public static TimeBudget unlimited() {
    return new TimeBudget(() -> Long.MAX_VALUE);
  }

  /** A budget of {@code remainingMillis} as the supplier reports it (tests). */
  public static TimeBudget remaining(LongSupplier remainingMillis) {
    return new TimeBudget(remainingMillis);
  }

  /** True while one more step and the report of its failure still fit. */
  public boolean allowsAnotherStep() {
    return remainingMillis.getAsLong() > RESERVE.toMillis();
  }

  public long remainingMillis() {
    return remainingMillis.getAsLong();
  }
}
