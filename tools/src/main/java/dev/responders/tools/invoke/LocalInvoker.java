package dev.responders.tools.invoke;

import dev.responders.tools.RepositoryRoot;
import dev.responders.tools.template.FunctionDefinition;
import dev.responders.tools.template.Template;
import dev.responders.tools.template.TemplateOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/invoke <LogicalId> <event-file> [--param Name=Value]... [--env NAME=VALUE]... [--account ID]
 * [--snapstart]}:
 * runs a function as template.yaml defines it (handler, code, environment from Parameters and their defaults)
 * against whatever endpoint {@code AWS_ENDPOINT_URL} names, without Docker. The function runs in a JVM of its
 * own whose environment and class path are the function's, as in Lambda; its result is printed on standard
 * output, its log on standard error, and a function error gives exit status 1.
 */
public final class LocalInvoker {

  private LocalInvoker() {
  }

  public static void main(String[] args) throws Exception {
    Invocation invocation;
    try {
      invocation = Invocation.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bin/invoke: " + e.getMessage());
      System.err.println("usage: bin/invoke <LogicalId> <event-file> [--param Name=Value]... "
          + "[--env NAME=VALUE]... [--account 123456789012] [--snapstart]");
      System.exit(2);
      return;
    }
    System.exit(run(invocation, RepositoryRoot.find(), ProcessBuilder.Redirect.INHERIT,
        ProcessBuilder.Redirect.INHERIT));
  }

  /**
   * Runs the invocation; the function's result goes to {@code output}, its log to {@code log}. Returns the exit
   * status: 0, 1 for a function error, 2 when the invocation itself is wrong.
   */
  public static int run(Invocation invocation, Path root, ProcessBuilder.Redirect output,
      ProcessBuilder.Redirect log) throws IOException, InterruptedException {
    String region = firstNonBlank(System.getenv("AWS_REGION"), System.getenv("AWS_DEFAULT_REGION"),
        TemplateOptions.DEFAULT_REGION);
    TemplateOptions options = new TemplateOptions(invocation.parameters(), region, invocation.account());
    Template template = Template.load(root.resolve("template.yaml"), options);
    FunctionDefinition function = template.functions().get(invocation.logicalId());
    if (function == null) {
      System.err.println("bin/invoke: template.yaml has no function " + invocation.logicalId()
          + "; it has " + template.functions().keySet());
      return 2;
    }
    Path event = Path.of(invocation.eventFile()).toAbsolutePath();
    if (!Files.isReadable(event)) {
      System.err.println("bin/invoke: cannot read event file " + event);
      return 2;
    }
    ProcessBuilder process = new ProcessBuilder(command(function, event, root, invocation.snapStart()))
        .redirectOutput(output)
        .redirectError(log);
    Map<String, String> environment = process.environment();
    environment.putAll(function.environment());
    environment.put("AWS_REGION", region);
    environment.put("AWS_LAMBDA_FUNCTION_NAME", invocation.logicalId());
    environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(memory(function)));
    environment.putAll(invocation.environment());
    return process.start().waitFor();
  }

  private static List<String> command(FunctionDefinition function, Path event, Path root, boolean snapStart)
      throws IOException {
    Path module = root.resolve(function.codeUri() == null ? "." : function.codeUri()).normalize();
    Path dependencies = module.resolve("target/runtime-classpath.txt");
    if (!Files.isReadable(dependencies)) {
      throw new IllegalStateException(dependencies + " is missing: build first (bin/invoke does)");
    }
    String classPath = String.join(java.io.File.pathSeparator,
        root.resolve("tools/target/classes").toString(),
        module.resolve("target/classes").toString(),
        Files.readString(dependencies).trim());
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // What Lambda's java21 runtime does by default: stop at the C1 compiler for a fast start.
    command.add("-XX:+TieredCompilation");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Xshare:auto");
    command.add("-cp");
    command.add(classPath);
    command.add(HandlerRunner.class.getName());
    command.add(function.handler());
    command.add(event.toString());
    command.add(function.logicalId());
    command.add(String.valueOf(memory(function)));
    command.add(String.valueOf(function.timeout() == null ? 3 : function.timeout()));
    if (snapStart) {
      command.add("snapstart");
    }
    return command;
  }

  private static int memory(FunctionDefinition function) {
    return function.memorySize() == null ? 128 : function.memorySize();
  }

  private static String firstNonBlank(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }

  /** The command line of one invocation. */
  public record Invocation(String logicalId, String eventFile, Map<String, String> parameters,
      Map<String, String> environment, String account, boolean snapStart) {

    /** The same invocation with {@code variables} added to (and overriding) its {@code --env} variables. */
    public Invocation withEnvironment(Map<String, String> variables) {
      Map<String, String> merged = new LinkedHashMap<>(environment);
      merged.putAll(variables);
      return new Invocation(logicalId, eventFile, parameters, merged, account, snapStart);
    }

    public static Invocation parse(String[] args) {
      List<String> positional = new ArrayList<>();
      Map<String, String> parameters = new LinkedHashMap<>();
      Map<String, String> environment = new LinkedHashMap<>();
      String account = TemplateOptions.DEFAULT_ACCOUNT_ID;
      boolean snapStart = false;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--param" -> put(parameters, value(args, ++i, "--param"));
          case "--env" -> put(environment, value(args, ++i, "--env"));
          case "--account" -> account = value(args, ++i, "--account");
          case "--snapstart" -> snapStart = true;
          default -> {
            if (args[i].startsWith("--")) {
              throw new IllegalArgumentException("unknown option " + args[i]);
            }
            positional.add(args[i]);
          }
        }
      }
      if (positional.size() != 2) {
        throw new IllegalArgumentException("expected a function logical id and an event file");
      }
      return new Invocation(positional.get(0), positional.get(1), parameters, environment, account, snapStart);
    }

    private static String value(String[] args, int index, String option) {
      if (index >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args[index];
    }

    private static void put(Map<String, String> target, String assignment) {
      int eq = assignment.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("expected Name=Value, got '" + assignment + "'");
      }
      target.put(assignment.substring(0, eq), assignment.substring(eq + 1));
    }
  }
}
