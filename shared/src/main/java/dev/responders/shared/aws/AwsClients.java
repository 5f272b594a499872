package dev.responders.shared.aws;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * The one way handlers build AWS clients: built once per container (in the handler's constructor, so
 * SnapStart snapshots them), sharing one Apache HTTP client (it can send PATCH, which Security Hub needs;
 * url-connection-client cannot), region from {@code AWS_REGION}, the default credentials chain (what
 * SnapStart and Lambda's container credentials need) and the SDK's standard retry strategy, whose retries
 * and final failures are logged at WARN ({@link RetryWarnings}).
 *
 * <p>No endpoint is set here on purpose: the SDK reads {@code AWS_ENDPOINT_URL} and
 * {@code AWS_ENDPOINT_URL_<SERVICE>} (or the {@code aws.endpointUrl*} system properties) itself, which is
 * how tests and the demo point every client at the local emulator.
 */
public final class AwsClients {

  /**
   * One attempt may take this long, one call with its retries {@link #CALL_TIMEOUT}: a hung call must leave the
   * function time to record the failure and tell the responders (see {@code TimeBudget}), never eat the run.
   */
  public static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(8);
  public static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);

  private static final SdkHttpClient HTTP_CLIENT = ApacheHttpClient.builder()
      .connectionTimeout(Duration.ofSeconds(2))
      .socketTimeout(ATTEMPT_TIMEOUT)
      .maxConnections(16)
      .build();

  private static final RetryWarnings RETRY_WARNINGS = new RetryWarnings();

  private AwsClients() {
  }

  /** Configures and builds a client, e.g. {@code AwsClients.build(Ec2Client.builder())}. */
  public static <B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C> C build(B builder) {
    return configure(builder).region(region()).build();
  }

  /**
   * The same client for another region and, unless {@code credentials} is null, other credentials (a role assumed
   * in another account): what a handler acting where an event's resource lives builds on demand.
   */
  public static <B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C> C build(B builder, Region region,
      AwsCredentialsProvider credentials) {
    configure(builder).region(region);
    if (credentials != null) {
      builder.credentialsProvider(credentials);
    }
    return builder.build();
  }

  private static <B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C> B configure(B builder) {
    return builder
        .httpClient(HTTP_CLIENT)
        .overrideConfiguration(o -> o
            .retryStrategy(AwsRetryStrategy.standardRetryStrategy())
            .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
            .apiCallTimeout(CALL_TIMEOUT)
            .addExecutionInterceptor(RETRY_WARNINGS));
  }

  /** {@code AWS_REGION} as Lambda sets it, else the {@code aws.region} system property (tests, tools). */
  public static Region region() {
    String name = System.getenv("AWS_REGION");
    if (name == null || name.isBlank()) {
      name = System.getProperty("aws.region");
    }
    if (name == null || name.isBlank()) {
      throw new IllegalStateException("AWS_REGION is not set: the region every client talks to");
    }
    return Region.of(name);
  }
}
