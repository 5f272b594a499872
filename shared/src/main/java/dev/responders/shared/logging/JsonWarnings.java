package dev.responders.shared.logging;

import java.io.PrintStream;
import java.util.function.Supplier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The suite's SLF4J provider (found through {@code META-INF/services}): what the AWS SDK logs at WARN and ERROR
 * (retries, throttling, clock skew, credential problems) becomes one JSON line on standard error, which Lambda
 * sends to the function's log group beside the audit lines. Below WARN nothing is formatted or written, so the
 * SDK's debug logging costs a level check. A few classes and no configuration file: nothing to load at init.
 */
public final class JsonWarnings implements SLF4JServiceProvider {

  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new NOPMDCAdapter();
  // Standard error as it is when a line is written (tests may swap it).
  private final Factory loggers = new Factory(() -> System.err);

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggers;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {
    // Nothing to read: the level (WARN) and the format are fixed.
  }

  /** One logger per name, all writing to the same stream. */
  static final class Factory implements ILoggerFactory {
    private final Supplier<PrintStream> out;
    private final Map<String, Logger> byName = new ConcurrentHashMap<>();

    Factory(Supplier<PrintStream> out) {
      this.out = out;
    }

    @Override
    public Logger getLogger(String name) {
      return byName.computeIfAbsent(name, n -> new JsonWarningLogger(n, out));
    }
  }
}
