package dev.responders.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** What the report says of where and on what it ran: machine, versions, commit, load. */
record Machine(int cores, String memory, String os, String jvm, String python, String boto3, String moto,
    String date, String commit, String loadAverage) {

  static Machine describe(Path root, Path python) {
    return new Machine(Runtime.getRuntime().availableProcessors(), readMemory(), readOs(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        output(root, python.toString(), "-c", "import platform; print(platform.python_version())"),
        output(root, python.toString(), "-c", "import boto3; print(boto3.__version__)"),
        output(root, python.toString(), "-c", "import moto; print(moto.__version__)"),
        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), readCommit(root), currentLoadAverage());
  }

  /** The 1, 5 and 15 minute load averages now (other builds on a shared machine show here). */
  static String currentLoadAverage() {
    String load = read(Path.of("/proc/loadavg"));
    String[] fields = load.split(" ");
    return fields.length >= 3 ? fields[0] + " " + fields[1] + " " + fields[2] : "unknown";
  }

  private static String readMemory() {
    for (String line : read(Path.of("/proc/meminfo")).split("\n")) {
      if (line.startsWith("MemTotal:")) {
        return String.format("%.1f GiB", Long.parseLong(line.replaceAll("[^0-9]", "")) / 1048576.0);
      }
    }
    return "unknown";
  }

  private static String readOs() {
    for (String line : read(Path.of("/etc/os-release")).split("\n")) {
      if (line.startsWith("PRETTY_NAME=")) {
        return line.substring("PRETTY_NAME=".length()).replace("\"", "") + ", " + System.getProperty("os.name")
            + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch");
      }
    }
    return System.getProperty("os.name") + " " + System.getProperty("os.version");
  }

  private static String readCommit(Path root) {
    String head = output(root, "git", "rev-parse", "--short", "HEAD");
    String changes = output(root, "git", "status", "--porcelain", "--untracked-files=no", "--", ".",
        ":!BENCHMARKS.md");
    return changes.isEmpty() ? head : head + " (with uncommitted changes)";
  }

  private static String read(Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      return "";
    }
  }

  private static String output(Path root, String... command) {
    try {
      Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(root.toFile())
          .redirectErrorStream(true).start();
      String text = new String(process.getInputStream().readAllBytes()).strip();
      return process.waitFor() == 0 ? text : "unknown";
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
