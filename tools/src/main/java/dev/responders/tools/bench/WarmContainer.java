package dev.responders.tools.bench;

import dev.responders.tools.bench.probe.ProbeFolder;
import dev.responders.tools.invoke.FunctionArtifact;
import dev.responders.tools.invoke.LocalInvoker;
import dev.responders.tools.template.FunctionDefinition;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One function JVM kept warm, as a Lambda container between invocations: Lambda's JVM flags, the function's
 * artifact and the runtime's jars, plus the probe folder (the SDK call interceptor and {@code WarmDriver}). Each
 * {@link #invoke} hands it one event file and reads back what the probe measured.
 */
final class WarmContainer implements AutoCloseable {

  private final Process process;
  private final PrintWriter requests;
  private final BufferedReader answers;

  WarmContainer(FunctionDefinition function, FunctionArtifact artifact, Path probe, Map<String, String> environment,
      Path log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(LocalInvoker.lambdaJvmFlags(LocalInvoker.memory(function)));
    command.addAll(List.of("-cp", artifact.classPath() + File.pathSeparator + probe, ProbeFolder.warmDriver(),
        function.handler(), function.logicalId(), String.valueOf(LocalInvoker.memory(function)),
        String.valueOf(function.timeout() == null ? 3 : function.timeout())));
    ProcessBuilder builder = new ProcessBuilder(command).directory(artifact.root().toFile())
        .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(environment);
    process = builder.start();
    requests = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String ready = answers.readLine();
    if (!"ready".equals(ready)) {
      throw new IllegalStateException(function.logicalId() + " did not initialise in the warm JVM (see " + log + ")");
    }
  }

  /** What the probe saw of one invocation. */
  record Invocation(double millis, double millisInsideSdk, long peakRssKb, String status, List<String> operations) {

    double millisOutsideSdk() {
      return millis - millisInsideSdk;
    }
  }

  Invocation invoke(Path event) throws IOException {
    requests.println(event.toAbsolutePath());
    String answer = answers.readLine();
    if (answer == null) {
      throw new IllegalStateException("the warm JVM exited");
    }
    String[] fields = answer.split(" ");
    return new Invocation(Long.parseLong(fields[0]) / 1e6, Long.parseLong(fields[1]) / 1e6,
        Long.parseLong(fields[2]), fields[3], List.copyOf(Arrays.asList(fields).subList(4, fields.length)));
  }

  @Override
  public void close() throws InterruptedException {
    requests.close();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
