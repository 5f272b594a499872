package dev.responders.tools.invoke;

import dev.responders.tools.template.FunctionDefinition;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A function's artifact as {@code sam build} ships it and Lambda loads it: its module's {@code target/lambda/},
 * classes at the root and runtime jars under {@code lib/} (laid out by the module's package phase; the Makefile
 * copies exactly this folder), and the runtime's own jars Lambda puts beside it.
 */
public record FunctionArtifact(Path root, List<Path> runtimeJars) {

  /** The jars of Lambda's java21 runtime the artifact does not carry: the runtime interface client and its own. */
  private static final List<String> RUNTIME_JARS = List.of("aws-lambda-java-runtime-interface-client-",
      "aws-lambda-java-serialization-", "aws-lambda-java-core-");

  /**
   * What a function's zipped artifact may weigh (issue 14's budget, 10 MB): the shrunk artifacts are checked
   * against it by every module's LocalInvokeIT, so a change that makes the shrinker keep a service's whole model
   * (an SDK paginator, a rule too wide) fails the build.
   */
  public static final long SIZE_BUDGET_BYTES = 10_000_000L;

  public static FunctionArtifact of(FunctionDefinition function, Path repository) {
    return in(repository.resolve(function.codeUri() == null ? "." : function.codeUri()).normalize());
  }

  /** The artifact a function module's package phase laid out. */
  public static FunctionArtifact in(Path module) {
    Path artifact = module.resolve("target/lambda");
    if (!Files.isDirectory(artifact.resolve("lib"))) {
      throw new IllegalStateException(artifact + " is missing: build first (bin/invoke does); a function module's"
          + " pom sets lambda.artifact.skip to false");
    }
    return new FunctionArtifact(artifact, findRuntimeJars());
  }

  /** The artifact as Lambda receives it: the folder zipped (deflated), as sam packages it. */
  public long zippedBytes() throws IOException {
    Path zip = Files.createTempFile("artifact-", ".zip");
    try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream zipped = new ZipOutputStream(out);
        Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        zipped.putNextEntry(new ZipEntry(root.relativize(file).toString()));
        Files.copy(file, zipped);
        zipped.closeEntry();
      }
    }
    long size = Files.size(zip);
    Files.delete(zip);
    return size;
  }

  /** Lambda's class path: the runtime's jars, then the artifact's root, then every jar under lib/. */
  public String classPath() {
    List<String> entries = new ArrayList<>();
    runtimeJars.forEach(jar -> entries.add(jar.toString()));
    entries.add(root.toString());
    entries.add(root.resolve("lib").toString() + File.separator + "*");
    return String.join(File.pathSeparator, entries);
  }

  /** The runtime's jars, found on this JVM's class path (tools depends on the runtime interface client). */
  private static List<Path> findRuntimeJars() {
    List<Path> found = new ArrayList<>();
    for (String prefix : RUNTIME_JARS) {
      Path jar = null;
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        String name = Path.of(entry).getFileName() == null ? "" : Path.of(entry).getFileName().toString();
        if (name.startsWith(prefix) && name.endsWith(".jar")) {
          jar = Path.of(entry);
          break;
        }
      }
      if (jar == null) {
        throw new IllegalStateException("no " + prefix + "*.jar on the class path of the tools");
      }
      found.add(jar);
    }
    return found;
  }
}
