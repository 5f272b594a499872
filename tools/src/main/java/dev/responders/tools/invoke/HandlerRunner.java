package dev.responders.tools.invoke;

import com.amazonaws.services.lambda.crac.Core;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.api.client.api.LambdaContext;
import com.amazonaws.services.lambda.runtime.api.client.runtimeapi.JniHelper;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Runs one handler once in this JVM with SnapStart's priming in between: construct it (init), run the CRaC
 * checkpoint and restore hooks it registered, then one invocation with the event's bytes. {@code bin/invoke
 * --snapstart} and the benchmark use it to measure priming, which the runtime interface client under the emulator
 * cannot do (it never checkpoints). Started by {@link LocalInvoker} in a JVM whose environment and class path are
 * the function's artifact and Lambda's runtime jars; the context and the CRaC context are the runtime client's
 * own classes. Standard output carries the handler's result and nothing else: what the handler prints
 * (its log) goes to standard error. Timings go to standard error as one JSON line.
 *
 * <p>Usage: {@code HandlerRunner <package.Class::method> <event-file> <function-name> <memory-mb> <timeout-s>
 * [snapstart]}. With {@code snapstart}, the CRaC checkpoint and restore hooks the handler registered run between
 * init and the invocation, as when Lambda restores a SnapStart snapshot taken after init.
 */
public final class HandlerRunner {

  private HandlerRunner() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 5 || args.length > 6 || (args.length == 6 && !args[5].equals("snapstart"))) {
      System.err.println("usage: HandlerRunner <Class::method> <event-file> <function-name> <memory-mb> <timeout-s>"
          + " [snapstart]");
      System.exit(2);
    }
    boolean snapStart = args.length == 6;
    if (snapStart) {
      // Before any handler class touches org.crac: its Core reads this once, at class initialisation. The
      // runtime interface client's CRaC context is the one Lambda runs the hooks of.
      System.setProperty("org.crac.Core.Compat", "com.amazonaws.services.lambda.crac");
    }
    PrintStream result = System.out;
    System.setOut(System.err);
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    String className = args[0].contains("::") ? args[0].substring(0, args[0].indexOf("::")) : args[0];
    byte[] event = Files.readAllBytes(Path.of(args[1]));
    String function = args[2];
    Context context = new LambdaContext(Integer.parseInt(args[3]),
        System.currentTimeMillis() + Integer.parseInt(args[4]) * 1000L, UUID.randomUUID().toString(),
        "/aws/lambda/" + function, "local", function, null, "$LATEST",
        "arn:aws:lambda:local:000000000000:function:" + function, null, null, null);
    try {
      long initStart = System.currentTimeMillis();
      Object handler = Class.forName(className).getDeclaredConstructor().newInstance();
      if (!(handler instanceof RequestStreamHandler streamHandler)) {
        throw new IllegalArgumentException(className + " is not a RequestStreamHandler");
      }
      long primeStart = System.currentTimeMillis();
      if (snapStart) {
        checkpointAndRestore();
      }
      long invokeStart = System.currentTimeMillis();
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      try (InputStream input = new ByteArrayInputStream(event)) {
        streamHandler.handleRequest(input, output, context);
      }
      long end = System.currentTimeMillis();
      Map<String, Object> timing = new LinkedHashMap<>();
      timing.put("runner", "timing");
      timing.put("jvm_to_init_ms", initStart - jvmStart);
      timing.put("init_ms", primeStart - initStart);
      timing.put("snapshot_hooks_ms", invokeStart - primeStart);
      timing.put("invoke_ms", end - invokeStart);
      System.err.println(json().writeValueAsString(timing));
      result.println(output.toString(StandardCharsets.UTF_8));
      result.flush();
    } catch (Throwable error) {
      Throwable cause = error instanceof java.lang.reflect.InvocationTargetException ite ? ite.getCause() : error;
      System.err.println(errorJson(cause));
      cause.printStackTrace(System.err);
      System.exit(1);
    }
  }

  /** A checkpoint then a restore of the hooks registered through org.crac, as Lambda does around a snapshot. */
  private static void checkpointAndRestore() throws Exception {
    // The runtime client's checkpoint clears the JVM's DNS cache through its native library, which the runtime
    // loads at start.
    JniHelper.load();
    com.amazonaws.services.lambda.crac.Context<?> global = Core.getGlobalContext();
    global.beforeCheckpoint(null);
    global.afterRestore(null);
  }

  /** Lambda's own shape for a function error. */
  static String errorJson(Throwable error) throws JsonProcessingException {
    Map<String, String> shape = new LinkedHashMap<>();
    shape.put("errorType", error.getClass().getName());
    shape.put("errorMessage", String.valueOf(error.getMessage()));
    return json().writeValueAsString(shape);
  }

  /**
   * Jackson comes with the function's class path (every function uses shared/, which depends on it). Made only
   * after the handler has run, so its loading is never counted in the handler's init or invocation time.
   */
  private static ObjectMapper json() {
    return new ObjectMapper();
  }
}
