package dev.responders.tools.invoke;

import dev.responders.tools.RepositoryRoot;
import dev.responders.tools.template.FunctionDefinition;
import dev.responders.tools.template.Template;
import dev.responders.tools.template.TemplateOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.charset.StandardCharsets;
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
    if (args.length > 0 && args[0].equals(PRINT_ENV_VARS)) {
      System.exit(printEnvVars(java.util.Arrays.copyOfRange(args, 1, args.length)));
      return;
    }
    Invocation invocation;
    try {
      invocation = Invocation.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bin/invoke: " + e.getMessage());
      System.err.println("usage: bin/invoke <LogicalId> <event-file> [--param Name=Value]... "
          + "[--env NAME=VALUE]... [--account 123456789012] [--snapstart]");
      System.err.println("       bin/invoke --print-env-vars [--param Name=Value]... [--account 123456789012]");
      System.exit(2);
      return;
    }
    System.exit(run(invocation, RepositoryRoot.find(), ProcessBuilder.Redirect.INHERIT,
        ProcessBuilder.Redirect.INHERIT));
  }

  static final String PRINT_ENV_VARS = "--print-env-vars";

  /**
   * {@code bin/invoke --print-env-vars}: the file {@code sam local invoke --env-vars} reads, with every function's
   * environment as bin/invoke resolves it (names, not logical ids), for where Docker exists.
   */
  private static int printEnvVars(String[] args) {
    Map<String, String> parameters = new LinkedHashMap<>();
    String account = TemplateOptions.DEFAULT_ACCOUNT_ID;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--param" -> Invocation.put(parameters, Invocation.value(args, ++i, "--param"));
          case "--account" -> account = Invocation.value(args, ++i, "--account");
          default -> throw new IllegalArgumentException(PRINT_ENV_VARS + " takes only --param and --account, got "
              + args[i]);
        }
      }
    } catch (IllegalArgumentException e) {
      System.err.println("bin/invoke: " + e.getMessage());
      return 2;
    }
    Template template = Template.load(RepositoryRoot.find().resolve("template.yaml"),
        new TemplateOptions(parameters, localRegion(), account));
    System.out.println(samEnvVars(template));
    return 0;
  }

  /** {@code {"<LogicalId>": {"NAME": "value", ...}, ...}}: SAM's env-vars format, functions in template order. */
  public static String samEnvVars(Template template) {
    Map<String, Map<String, String>> variables = new LinkedHashMap<>();
    template.functions().forEach((logicalId, function) -> variables.put(logicalId, function.environment()));
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
          .writeValueAsString(variables);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Runs the invocation; the function's result goes to {@code output}, its log to {@code log}. Returns the exit
   * status: 0, 1 for a function error, 2 when the invocation itself is wrong.
   */
  public static int run(Invocation invocation, Path root, ProcessBuilder.Redirect output,
      ProcessBuilder.Redirect log) throws IOException, InterruptedException {
    String region = localRegion();
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
    Map<String, String> environment = environment(function, region, invocation.environment());
    FunctionArtifact artifact = FunctionArtifact.of(function, root);
    int timeout = function.timeout() == null ? 3 : function.timeout();
    if (invocation.snapStart()) {
      return primed(function, artifact, event, root, timeout, environment, output, log);
    }
    EmulatedRuntime.Response response = EmulatedRuntime.invoke(root, artifact, function.handler(),
        lambdaJvmFlags(memory(function)), environment, Files.readAllBytes(event), timeout, log);
    if (response.functionError()) {
      // Lambda's error JSON (errorType, errorMessage, stackTrace) after the function's log, as the CLI shows it.
      write(log, System.err, response.body(), true);
      if (output.file() != null && output.type() == ProcessBuilder.Redirect.Type.WRITE) {
        Files.write(output.file().toPath(), new byte[0]);  // no result, as a process writing nothing leaves it
      }
      return 1;
    }
    write(output, System.out, response.body(), output.type() == ProcessBuilder.Redirect.Type.APPEND);
    return 0;
  }

  /**
   * The function's environment as Lambda sets it: template.yaml's variables, the region, the function's name and
   * memory, then {@code overrides} (bin/invoke's {@code --env}, the emulator's endpoint and credentials).
   */
  public static Map<String, String> environment(FunctionDefinition function, String region,
      Map<String, String> overrides) {
    Map<String, String> environment = new LinkedHashMap<>(function.environment());
    environment.put("AWS_REGION", region);
    environment.put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
    environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(memory(function)));
    environment.putAll(overrides);
    return environment;
  }

  /**
   * What Lambda's java21 runtime starts the JVM with for a function of {@code memoryMb}: heap, metaspace and code
   * cache as shares of the memory (85, 10 and 5 %), the serial collector, the C1 compiler only, the JDK's class
   * data archive, IPv4 (the runtime's own command line; tiered C1 is its default since java17).
   */
  public static List<String> lambdaJvmFlags(int memoryMb) {
    long kib = memoryMb * 1024L;
    return List.of("-XX:MaxHeapSize=" + kib * 85 / 100 + "k", "-XX:MaxMetaspaceSize=" + kib / 10 + "k",
        "-XX:ReservedCodeCacheSize=" + kib / 20 + "k", "-XX:+UseSerialGC", "-XX:+TieredCompilation",
        "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Djava.net.preferIPv4Stack=true");
  }

  /** {@code --snapstart}: the in-process runner, which runs the priming hooks between init and the invocation. */
  private static int primed(FunctionDefinition function, FunctionArtifact artifact, Path event, Path root,
      int timeout, Map<String, String> environment, ProcessBuilder.Redirect output, ProcessBuilder.Redirect log)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(lambdaJvmFlags(memory(function)));
    command.add("-cp");
    command.add(artifact.classPath() + java.io.File.pathSeparator + root.resolve("tools/target/classes"));
    command.add(HandlerRunner.class.getName());
    command.add(function.handler());
    command.add(event.toString());
    command.add(function.logicalId());
    command.add(String.valueOf(memory(function)));
    command.add(String.valueOf(timeout));
    command.add("snapstart");
    ProcessBuilder process = new ProcessBuilder(command).redirectOutput(output).redirectError(log);
    process.environment().putAll(environment);
    return process.start().waitFor();
  }

  /**
   * Writes a line where a redirect points: its file (appended to, or replaced when {@code append} is false, as a
   * process's {@code Redirect.to} would), or this process's own stream when inherited.
   */
  private static void write(ProcessBuilder.Redirect target, java.io.PrintStream inherited, String line,
      boolean append) throws IOException {
    if (target.file() != null) {
      Files.writeString(target.file().toPath(), line + System.lineSeparator(), StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
    } else if (target == ProcessBuilder.Redirect.INHERIT) {
      inherited.println(line);
      inherited.flush();
    }
  }

  public static int memory(FunctionDefinition function) {
    return function.memorySize() == null ? 128 : function.memorySize();
  }

  /** The region of the shell, as the SDK would read it, else the template reader's default. */
  public static String localRegion() {
    return firstNonBlank(System.getenv("AWS_REGION"), System.getenv("AWS_DEFAULT_REGION"),
        TemplateOptions.DEFAULT_REGION);
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

    static String value(String[] args, int index, String option) {
      if (index >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args[index];
    }

    static void put(Map<String, String> target, String assignment) {
      int eq = assignment.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("expected Name=Value, got '" + assignment + "'");
      }
      target.put(assignment.substring(0, eq), assignment.substring(eq + 1));
    }
  }
}
