package dev.responders.tools.emulator;

/** The JVM-wide settings the AWS SDK reads by itself, so tests build clients exactly as handlers do. */
final class LocalAwsSettings {

  static final String REGION = "us-east-1";
  static final String ACCESS_KEY = "testing";
  static final String SECRET_KEY = "testing";

  private LocalAwsSettings() {
  }

  /** Sends every client to {@code endpoint} unless its service has its own {@code aws.endpointUrl<Service>}. */
  static void useEndpoint(String endpoint) {
    System.setProperty("aws.endpointUrl", endpoint);
  }

  /** A region and dummy credentials, unless the run already chose its own. */
  static void useTestRegionAndCredentials() {
    setIfAbsent("aws.region", REGION);
    setIfAbsent("aws.accessKeyId", ACCESS_KEY);
    setIfAbsent("aws.secretAccessKey", SECRET_KEY);
  }

  private static void setIfAbsent(String name, String value) {
    String current = System.getProperty(name);
    if (current == null || current.isBlank()) {
      System.setProperty(name, value);
    }
  }
}
