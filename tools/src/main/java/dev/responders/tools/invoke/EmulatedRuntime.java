package dev.responders.tools.invoke;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One invocation the way Lambda runs it: the Lambda Runtime Interface Emulator ({@code aws-lambda-rie}, built
 * by bin/setup) starts Lambda's own runtime interface client on the function's artifact, and the event is POSTed
 * to the emulator's invoke endpoint. The emulator's log (the function's output, Lambda's START, END and REPORT
 * lines with the init duration) goes to {@code log}; the response body is the function's result or its error.
 */
final class EmulatedRuntime {

  static final String RUNTIME_CLIENT = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
  private static final Duration STARTUP = Duration.ofSeconds(20);

  private EmulatedRuntime() {
  }

  /** The emulator: {@code AWS_LAMBDA_RIE} if set, else what bin/setup installed into .venv/bin. */
  static Path emulator(Path repository) {
    String configured = System.getenv("AWS_LAMBDA_RIE");
    Path rie = configured == null || configured.isBlank() ? repository.resolve(".venv/bin/aws-lambda-rie")
        : Path.of(configured);
    if (!Files.isExecutable(rie)) {
      throw new IllegalStateException(rie + " is missing: run bin/setup (it builds the Lambda Runtime Interface"
          + " Emulator with Go)");
    }
    return rie;
  }

  /** The response of one invocation: the HTTP status and body, and whether it is a function error. */
  record Response(int status, String body, boolean functionError) {
  }

  static Response invoke(Path repository, FunctionArtifact artifact, String handler, List<String> jvmOptions,
      Map<String, String> environment, byte[] event, int timeoutSeconds, ProcessBuilder.Redirect log)
      throws IOException, InterruptedException {
    int invokePort = freePort();
    int runtimeApiPort = freePort();
    List<String> command = new ArrayList<>(List.of(emulator(repository).toString(),
        "--runtime-interface-emulator-address", "127.0.0.1:" + invokePort,
        "--runtime-api-address", "127.0.0.1:" + runtimeApiPort,
        Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", artifact.classPath(), RUNTIME_CLIENT, handler));
    ProcessBuilder builder = new ProcessBuilder(command).directory(artifact.root().toFile())
        .redirectErrorStream(true).redirectOutput(log);
    builder.environment().putAll(environment);
    builder.environment().put("AWS_LAMBDA_FUNCTION_TIMEOUT", String.valueOf(timeoutSeconds));
    // The emulator's own log below errors (its "Reset initiated" warning on every stop) is noise here.
    builder.environment().put("LOG_LEVEL", "error");
    Process emulator = builder.start();
    try {
      awaitListening(invokePort, emulator);
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpRequest request = HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + invokePort + "/2015-03-31/functions/function/invocations"))
          .timeout(Duration.ofSeconds(timeoutSeconds + 30L))
          .POST(HttpRequest.BodyPublishers.ofByteArray(event))
          .build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      String body = response.body().strip();
      return new Response(response.statusCode(), body, response.statusCode() != 200 || isErrorShape(body));
    } finally {
      emulator.descendants().forEach(ProcessHandle::destroy);
      emulator.destroy();
      if (!emulator.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        emulator.descendants().forEach(ProcessHandle::destroyForcibly);
        emulator.destroyForcibly().waitFor();
      }
    }
  }

  /** Lambda's function error: an object with errorType and errorMessage (no result of the suite has them). */
  private static boolean isErrorShape(String body) {
    return body.startsWith("{") && body.contains("\"errorType\"") && body.contains("\"errorMessage\"");
  }

  private static void awaitListening(int port, Process emulator) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      if (!emulator.isAlive()) {
        throw new IOException("aws-lambda-rie exited with status " + emulator.exitValue() + " before listening");
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(25);
      }
    }
    throw new IOException("aws-lambda-rie did not listen on port " + port + " within " + STARTUP);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
