package dev.responders.shared.logging;

import dev.responders.shared.json.Json;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** A logger enabled for WARN and ERROR only, writing each event as one JSON line. */
final class JsonWarningLogger extends LegacyAbstractLogger {

  private static final long serialVersionUID = 1L;

  private final transient Supplier<PrintStream> out;

  JsonWarningLogger(String name, Supplier<PrintStream> out) {
    this.name = name;
    this.out = out;
  }

  @Override
  public boolean isTraceEnabled() {
    return false;
  }

  @Override
  public boolean isDebugEnabled() {
    return false;
  }

  @Override
  public boolean isInfoEnabled() {
    return false;
  }

  @Override
  public boolean isWarnEnabled() {
    return true;
  }

  @Override
  public boolean isErrorEnabled() {
    return true;
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern, Object[] arguments,
      Throwable throwable) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("kind", "log");
    line.put("level", level.name());
    line.put("logger", name);
    line.put("message", MessageFormatter.basicArrayFormat(messagePattern, arguments));
    if (throwable != null) {
      // The error's type and message, not its stack: one line, and no request bodies from deep frames.
      line.put("error", throwable.getClass().getName() + ": " + throwable.getMessage());
    }
    line.put("at", Instant.now().toString());
    out.get().println(Json.write(line));
  }
}
