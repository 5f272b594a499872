package dev.responders.tools.bench.probe;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.api.client.api.LambdaContext;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One function container kept warm: builds the handler once, then for each event file named on standard input
 * runs one invocation and answers with one line, {@code nanos inside-sdk-nanos peak-rss-kb status operations...}.
 * Between two lines the benchmark re-seeds the emulator, outside the timed region. Runs in a JVM started with
 * Lambda's flags on the function's artifact, the runtime's jars and the probe folder; what the handler prints goes
 * to standard error, so standard output carries only the answers.
 *
 * <p>Usage: {@code WarmDriver <package.Class::method> <function-name> <memory-mb> <timeout-s>}.
 */
public final class WarmDriver {

  private WarmDriver() {
  }

  public static void main(String[] args) throws Exception {
    PrintStream answers = System.out;
    System.setOut(System.err);
    String className = args[0].contains("::") ? args[0].substring(0, args[0].indexOf("::")) : args[0];
    RequestStreamHandler handler = (RequestStreamHandler) Class.forName(className).getDeclaredConstructor()
        .newInstance();
    SdkCallProbe.take();  // init's own calls (none are expected) are not an event's
    answers.println("ready");
    answers.flush();
    BufferedReader requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String eventFile = requests.readLine(); eventFile != null; eventFile = requests.readLine()) {
      byte[] event = Files.readAllBytes(Path.of(eventFile));
      Context context = new LambdaContext(Integer.parseInt(args[2]),
          System.currentTimeMillis() + Integer.parseInt(args[3]) * 1000L, UUID.randomUUID().toString(),
          "/aws/lambda/" + args[1], "local", args[1], null, "$LATEST",
          "arn:aws:lambda:local:000000000000:function:" + args[1], null, null, null);
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      String status = "ok";
      long start = System.nanoTime();
      try {
        handler.handleRequest(new ByteArrayInputStream(event), output, context);
      } catch (Exception error) {
        status = "error:" + error.getClass().getSimpleName();
        error.printStackTrace(System.err);
      }
      long elapsed = System.nanoTime() - start;
      SdkCallProbe.Calls calls = SdkCallProbe.take();
      answers.println(elapsed + " " + calls.nanosInside() + " " + peakRssKb() + " " + status + " "
          + String.join(" ", calls.operations()));
      answers.flush();
    }
  }

  /** VmHWM of this JVM: its resident set at its largest so far, in KiB (0 where /proc is missing). */
  static long peakRssKb() {
    try {
      String line = Files.readAllLines(Path.of("/proc/self/status")).stream()
          .filter(l -> l.startsWith("VmHWM:")).collect(Collectors.joining());
      return line.isEmpty() ? 0 : Long.parseLong(line.replaceAll("[^0-9]", ""));
    } catch (java.io.IOException e) {
      return 0;
    }
  }
}
