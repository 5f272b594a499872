package dev.responders.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.tools.invoke.LocalRun;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.responders.tools.RepositoryRoot;
import dev.responders.tools.account.NotificationInbox;
import dev.responders.tools.account.SampleAccount;
import dev.responders.tools.account.SampleEvents;
import dev.responders.tools.emulator.MotoServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code bin/bench}: cold start of {@code bin/invoke TagIsolationFunction} on the applied-tag event, each run
 * isolating a fresh instance (the full path, not a skip), and the size of the function's {@code sam build}
 * artifact as Lambda would receive it (zipped).
 */
public final class ColdStartBenchmark {

  private static final int RUNS = 5;
  private static final ObjectMapper JSON = new ObjectMapper();

  private ColdStartBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    Path root = RepositoryRoot.find();
    try (MotoServer moto = MotoServer.start()) {
      moto.useInThisJvm();
      try (Ec2Client ec2 = Ec2Client.create(); IamClient iam = IamClient.builder().region(Region.AWS_GLOBAL).build();
          AutoScalingClient autoScaling = AutoScalingClient.create(); KmsClient kms = KmsClient.create();
          SnsClient sns = SnsClient.create(); SqsClient sqs = SqsClient.create()) {
        SampleAccount account = new SampleAccount(ec2, iam, autoScaling);
        SampleAccount.createRecordKey(kms);
        // The responders' topic as template.yaml names it locally: an isolation whose notification cannot be sent
        // fails (the retry sends it), so the measured runs need the topic to exist.
        NotificationInbox.create(sns, sqs, "ResponderNotificationsTopic");
        String subnet = account.createSubnet(account.createVpc("10.9.0.0/16"), "10.9.1.0/24");
        account.createIsolationProfile();
        Bench bench = new Bench(root, moto.processEnvironment(), account, subnet);
        System.out.println("plain cold start under the Lambda emulator (first invocation = REPORT Duration: JVM start, init, invocation):");
        bench.measure(false);
        System.out.println("SnapStart-like (init, priming hooks as at snapshot, then the first invocation):");
        bench.measure(true);
      }
    }
    Path artifact = root.resolve(".aws-sam/build/TagIsolationFunction");
    if (Files.isDirectory(artifact)) {
      System.out.printf("artifact %s: %d files, %.1f MiB unzipped, %.1f MiB zipped%n", root.relativize(artifact),
          fileCount(artifact), size(artifact) / 1048576.0, zippedSize(artifact) / 1048576.0);
    } else {
      System.out.println("artifact: run sam build first (bin/bench does)");
    }
  }

  /** Runs bin/invoke on fresh instances of one account and prints each run and the medians. */
  private record Bench(Path root, Map<String, String> emulator, SampleAccount account, String subnet) {

    void measure(boolean snapStart) throws Exception {
      List<Long> wall = new ArrayList<>();
      List<Long> init = new ArrayList<>();
      List<Long> hooks = new ArrayList<>();
      List<Long> invoke = new ArrayList<>();
      for (int run = 1; run <= RUNS; run++) {
        String instance = account.launch(subnet, List.of(List.of()), Map.of("SecurityResponse", "isolate"));
        Path event = Files.createTempFile("bench-event-", ".json");
        Files.writeString(event, SampleEvents.aimedAt(
            SampleEvents.read("tag-isolation", "isolate-tag-applied.json"), instance));
        Path log = Files.createTempFile("bench-log-", ".txt");
        List<String> command = new ArrayList<>(List.of(root.resolve("bin/invoke").toString(),
            "TagIsolationFunction", event.toString()));
        if (snapStart) {
          command.add("--snapstart");
        }
        ProcessBuilder process = new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(log.toFile());
        process.environment().putAll(emulator);
        long start = System.nanoTime();
        int status = process.start().waitFor();
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        if (status != 0) {
          throw new IllegalStateException("bin/invoke failed (exit " + status + "):\n" + Files.readString(log));
        }
        wall.add(elapsed);
        if (snapStart) {
          JsonNode timing = timing(log);
          init.add(timing.get("init_ms").asLong());
          hooks.add(timing.get("snapshot_hooks_ms").asLong());
          invoke.add(timing.get("invoke_ms").asLong());
        } else {
          // Under the emulator: its REPORT Duration runs from the invoke to the result, and covers the JVM's start
          // and the handler's init too (the emulator starts the runtime on the first invoke; its Init Duration
          // is only the runtime's registration). Shown as the first invocation; init is not separable here.
          Map<String, Double> report = new LocalRun(status, "", Files.readString(log)).report();
          init.add(0L);
          hooks.add(0L);
          invoke.add(Math.round(report.get("Duration")));
        }
        System.out.printf("  run %d: bin/invoke wall %d ms, init %d ms, snapshot hooks %d ms, first invocation %d ms%n",
            run, elapsed, init.get(run - 1), hooks.get(run - 1), invoke.get(run - 1));
        Files.delete(event);
        Files.delete(log);
      }
      System.out.printf("  median of %d: bin/invoke wall %d ms, init %d ms, snapshot hooks %d ms, "
          + "first invocation %d ms%n", RUNS, median(wall), median(init), median(hooks), median(invoke));
    }
  }

  private static JsonNode timing(Path log) throws IOException {
    for (String line : Files.readAllLines(log)) {
      if (line.startsWith("{\"runner\":\"timing\"")) {
        return JSON.readTree(line);
      }
    }
    throw new IllegalStateException("no timing line in the runner's log:\n" + Files.readString(log));
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static long fileCount(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).count();
    }
  }

  private static long size(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }

  private static long zippedSize(Path folder) throws IOException {
    Path zip = Files.createTempFile("artifact-", ".zip");
    try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream zipped = new ZipOutputStream(out);
        Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        zipped.putNextEntry(new ZipEntry(folder.relativize(file).toString()));
        Files.copy(file, zipped);
        zipped.closeEntry();
      }
    }
    long size = Files.size(zip);
    Files.delete(zip);
    return size;
  }
}
