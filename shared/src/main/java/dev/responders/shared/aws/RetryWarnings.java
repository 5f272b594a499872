package dev.responders.shared.aws;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Makes the SDK's silent retries visible: every attempt after the first, and every call that fails after
 * retries, without an answer (credentials, timeouts) or denied, is logged at WARN with the service, the
 * operation and what the previous attempt got (status and error code), so a throttled or denied responder shows
 * in its log group, not only in a longer duration.
 */
final class RetryWarnings implements ExecutionInterceptor {

  private static final Logger LOG = LoggerFactory.getLogger(RetryWarnings.class);
  private static final ExecutionAttribute<Integer> ATTEMPT = new ExecutionAttribute<>("responders.attempt");
  private static final ExecutionAttribute<Integer> LAST_STATUS = new ExecutionAttribute<>("responders.lastStatus");
  private static final ExecutionAttribute<String> LAST_ANSWER = new ExecutionAttribute<>("responders.lastAnswer");

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    Integer previous = attributes.getAttribute(ATTEMPT);
    int attempt = previous == null ? 1 : previous + 1;
    attributes.putAttribute(ATTEMPT, attempt);
    if (attempt > 1) {
      LOG.warn("retrying {}.{}: attempt {} after {}", service(attributes), operation(attributes), attempt,
          attributes.getAttribute(LAST_ANSWER));
    }
    // Stays if no response arrives (connection refused, attempt timeout).
    attributes.putAttribute(LAST_ANSWER, "no response");
    attributes.putAttribute(LAST_STATUS, 0);
  }

  @Override
  public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
    int status = context.httpResponse().statusCode();
    attributes.putAttribute(LAST_STATUS, status);
    String code = context.httpResponse().firstMatchingHeader("x-amzn-ErrorType")
        .or(() -> context.httpResponse().firstMatchingHeader("x-amzn-query-error"))
        .map(value -> value.split("[:;,]", 2)[0]).orElse(null);
    attributes.putAttribute(LAST_ANSWER, code == null ? "HTTP " + status : "HTTP " + status + " " + code);
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    Integer attempts = attributes.getAttribute(ATTEMPT);
    Integer status = attributes.getAttribute(LAST_STATUS);
    if (attempts != null && attempts == 1 && status != null && status >= 400 && status < 500
        && status != 401 && status != 403) {
      // A first-attempt client error (NotFound, Duplicate, ValidationError) is an answer the handler reads.
      return;
    }
    Throwable error = context.exception();
    LOG.warn("{}.{} failed after {} attempt(s): {}: {}", service(attributes), operation(attributes),
        attempts == null ? 0 : attempts, error.getClass().getSimpleName(), error.getMessage());
  }

  private static String service(ExecutionAttributes attributes) {
    return attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
  }

  private static String operation(ExecutionAttributes attributes) {
    return attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
  }
}
