package dev.responders.tools.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.responders.tools.account.NotificationInbox;
import dev.responders.tools.account.SampleAccount;
import dev.responders.tools.account.SampleEvents;
import dev.responders.tools.emulator.MotoServer;
import dev.responders.tools.invoke.LocalInvoker;
import dev.responders.tools.invoke.LocalInvoker.Invocation;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The demo's tag-isolation chapter: a two-interface instance with a profile is tagged for isolation; the sample
 * events are replayed through TagIsolationFunction as bin/invoke runs it (near-misses change nothing, the tag
 * isolates, a redelivery finds the work done), then the tag is set to release and TagReleaseFunction restores
 * what was recorded (a second release changes nothing).
 */
final class TagIsolationChapter {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ISOLATE = "TagIsolationFunction";
  private static final String RELEASE = "TagReleaseFunction";

  private final Path root;
  private final PrintStream out;
  private NotificationInbox inbox;

  TagIsolationChapter(Path root, PrintStream out) {
    this.root = root;
    this.out = out;
  }

  void run(MotoServer moto) throws Exception {
    try (Ec2Client ec2 = Ec2Client.create(); IamClient iam = IamClient.builder().region(Region.AWS_GLOBAL).build();
        AutoScalingClient autoScaling = AutoScalingClient.create(); SnsClient sns = SnsClient.create();
        SqsClient sqs = SqsClient.create(); KmsClient kms = KmsClient.create()) {
      SampleAccount account = new SampleAccount(ec2, iam, autoScaling);
      SampleAccount.createRecordKey(kms);
      // What template.yaml's notification topic is called locally (it names none, so its logical id).
      inbox = NotificationInbox.create(sns, sqs, "ResponderNotificationsTopic");
      String vpc = account.createVpc("10.0.0.0/16");
      String subnet = account.createSubnet(vpc, "10.0.1.0/24");
      String web = account.createWebGroup(vpc, "web");
      String admin = account.createWebGroup(vpc, "admin");
      account.createInstanceProfile("app-server");
      account.createIsolationProfile();
      String instance = account.launch(subnet, List.of(List.of(web), List.of(admin, web)),
          Map.of("Name", "web-1", "SecurityResponse", "isolate"));
      account.associateProfile(instance, "app-server");
      account.terminateOnShutdown(instance);

      heading("tag-isolation: a responder tags " + instance + " SecurityResponse=isolate");
      out.println("Seeded: " + vpc + ", subnet " + subnet + ", groups web=" + web + " admin=" + admin
          + ", instance " + instance + " with two network interfaces and profile app-server");
      printInstance(account, instance, "Before");

      Path events = SampleEvents.folder("tag-isolation");
      List<Path> nearMisses = new ArrayList<>();
      try (var files = Files.list(events)) {
        files.filter(f -> f.toString().endsWith(".json"))
            .filter(f -> !f.getFileName().toString().equals("isolate-tag-applied.json"))
            .sorted().forEach(nearMisses::add);
      }
      for (Path nearMiss : nearMisses) {
        invoke(ISOLATE, nearMiss, instance, moto);
      }
      Path applied = events.resolve("isolate-tag-applied.json");
      invoke(ISOLATE, applied, instance, moto);
      printInstance(account, instance, "After");
      out.println();
      out.println("Redelivery of the same event (EventBridge is at-least-once):");
      invoke(ISOLATE, applied, instance, moto);

      heading("tag-isolation: the responder sets SecurityResponse=release on " + instance);
      account.tag(instance, Map.of("SecurityResponse", "release"));
      Path release = events.resolve("release-tag-applied.json");
      invoke(RELEASE, release, instance, moto);
      printInstance(account, instance, "After release");
      out.println();
      out.println("The same release delivered again:");
      invoke(RELEASE, release, instance, moto);
    }
  }

  /** Runs the function through the local invoker on the sample event aimed at {@code instanceId}. */
  private void invoke(String function, Path sample, String instanceId, MotoServer moto) throws Exception {
    Path event = Files.createTempFile("event-", ".json");
    Path result = Files.createTempFile("result-", ".json");
    try {
      Files.writeString(event, SampleEvents.aimedAt(Files.readString(sample), instanceId));
      Invocation invocation = Invocation.parse(new String[] {function, event.toString()})
          .withEnvironment(moto.processEnvironment());
      out.println();
      out.println("> bin/invoke " + function + " " + root.relativize(sample));
      int status = LocalInvoker.run(invocation, root, ProcessBuilder.Redirect.to(result.toFile()),
          ProcessBuilder.Redirect.INHERIT);
      if (status != 0) {
        throw new IllegalStateException(function + " failed on " + sample.getFileName() + " (exit " + status + ")");
      }
      summarise(JSON.readTree(result.toFile()));
      for (JsonNode notification : inbox.take()) {
        out.println("  notified responders: " + notification.path("Subject").asText());
      }
    } finally {
      Files.deleteIfExists(event);
      Files.deleteIfExists(result);
    }
  }

  private void summarise(JsonNode result) {
    String reason = result.path("reason").asText("");
    out.println("  status: " + result.path("status").asText() + (reason.isEmpty() ? "" : " (" + reason + ")"));
    for (JsonNode change : result.path("changes")) {
      out.println("  changed " + change.path("action").asText() + " " + change.path("target").asText() + ": "
          + text(change.get("before")) + " -> " + text(change.get("after")));
    }
    if (result.hasNonNull("left")) {
      out.println("  " + result.path("left").asText());
    }
  }

  private void printInstance(SampleAccount account, String instance, String when) {
    out.println(when + ":");
    for (String eni : account.interfacesOf(instance)) {
      out.println("  " + eni + " groups " + account.groupsOfInterface(eni));
    }
    out.println("  instance profile " + account.profileOf(instance).orElse("(none)"));
    out.println("  termination protection " + account.terminationProtected(instance)
        + ", shutdown behaviour " + account.shutdownBehavior(instance));
    out.println("  tags " + new TreeMap<>(account.tagsOf(instance)));
  }

  private void heading(String title) {
    out.println();
    out.println("== " + title + " ==");
  }

  private static String text(JsonNode value) {
    String text = value == null || value.isNull() ? "(none)" : value.isTextual() ? value.asText() : value.toString();
    return text.length() <= 140 ? text : text.substring(0, 137) + "...";
  }
}
