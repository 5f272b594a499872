package dev.responders.tools.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responders.tools.account.NotificationInbox;
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
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;

/**
 * The demo's ami-parameter-updater chapter: Image Builder publishes an image distributed to two regions, then the
 * same message again, then the next release, then the first one again, late, then a failed build; each time the parameters of
 * both regions are printed. The EventBridge near-misses are replayed first (nothing changes). The EventBridge
 * AVAILABLE event is left out: its AMIs come from imagebuilder:GetImage, which the local emulator lacks.
 */
final class AmiParameterUpdaterChapter {

  static final String FUNCTION = "AmiParameterUpdaterFunction";
  private static final String HANDLER = "ami-parameter-updater";
  private static final String PARAMETER = "/ec2-imagebuilder/web-server/latest";
  private static final List<String> REGIONS = List.of("us-east-1", "us-west-2");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root;
  private final PrintStream out;
  private final MotoServer moto;
  private NotificationInbox inbox;

  AmiParameterUpdaterChapter(Path root, PrintStream out, MotoServer moto) {
    this.root = root;
    this.out = out;
    this.moto = moto;
  }

  void run() throws Exception {
    moto.reset();
    try (SnsClient sns = SnsClient.create(); SqsClient sqs = SqsClient.create()) {
      inbox = NotificationInbox.create(sns, sqs, "ResponderNotificationsTopic");
      out.println();
      out.println("== ami-parameter-updater: Image Builder publishes web-server 1.2.0/3 to us-east-1 and us-west-2 ==");
      printParameters("Before");
      Path events = SampleEvents.folder(HANDLER);
      List<Path> nearMisses = new ArrayList<>();
      try (var files = Files.list(events.resolve("eventbridge/no-match"))) {
        files.sorted().forEach(nearMisses::add);
      }
      for (Path nearMiss : nearMisses) {
        invoke(events.relativize(nearMiss).toString(), Files.readString(nearMiss));
      }
      String available = Files.readString(events.resolve("sns/image-available.json"));
      invoke("sns/image-available.json", available);
      printParameters("After");
      out.println();
      out.println("Redelivery of the same SNS message (at-least-once):");
      invoke("sns/image-available.json", available);
      out.println();
      out.println("The next release, 1.2.1/1:");
      invoke("sns/image-available.json as 1.2.1/1", asBuild(available, "1.2.1", 1, "ami-0121000000000ea01",
          "ami-0121000000000ba01"));
      printParameters("After");
      out.println();
      out.println("1.2.0/3 delivered again, late (SNS retries, an out-of-order redelivery):");
      invoke("sns/image-available.json", available);
      printParameters("After");
      out.println();
      out.println("A failed build, 1.2.0/4:");
      invoke("sns/image-failed.json", Files.readString(events.resolve("sns/image-failed.json")));
      printHistory();
    }
  }

  private void invoke(String label, String event) throws Exception {
    Path eventFile = Files.createTempFile("event-", ".json");
    Path result = Files.createTempFile("result-", ".json");
    try {
      Files.writeString(eventFile, event);
      Invocation invocation = Invocation.parse(new String[] {FUNCTION, eventFile.toString()})
          .withEnvironment(moto.processEnvironment());
      out.println();
      out.println("> bin/invoke " + FUNCTION + " events/" + HANDLER + "/" + label);
      int status = LocalInvoker.run(invocation, root, ProcessBuilder.Redirect.to(result.toFile()),
          ProcessBuilder.Redirect.INHERIT);
      if (status != 0) {
        throw new IllegalStateException(FUNCTION + " failed on " + label + " (exit " + status + ")");
      }
      summarise(JSON.readTree(result.toFile()));
      for (JsonNode notification : inbox.take()) {
        out.println("  notified responders: " + notification.path("Subject").asText());
      }
    } finally {
      Files.deleteIfExists(eventFile);
      Files.deleteIfExists(result);
    }
  }

  private void summarise(JsonNode result) {
    String reason = result.path("reason").asText("");
    out.println("  status: " + result.path("status").asText() + (reason.isEmpty() ? "" : " (" + reason + ")"));
    for (JsonNode image : result.path("images")) {
      for (JsonNode parameter : image.path("parameters")) {
        out.println("  " + parameter.path("region").asText() + " " + parameter.path("parameter").asText() + ": "
            + parameter.path("outcome").asText() + " (" + parameter.path("detail").asText() + ")");
      }
    }
  }

  private void printParameters(String when) {
    out.println(when + ":");
    for (String region : REGIONS) {
      try (SsmClient ssm = SsmClient.builder().region(Region.of(region)).build()) {
        var parameter = ssm.getParameter(r -> r.name(PARAMETER)).parameter();
        Map<String, String> tags = new TreeMap<>();
        ssm.listTagsForResource(r -> r.resourceType(ResourceTypeForTagging.PARAMETER).resourceId(PARAMETER))
            .tagList().forEach(tag -> tags.put(tag.key().replace("imagebuilder-ami:", ""), tag.value()));
        out.println("  " + region + " " + PARAMETER + " = " + parameter.value() + " (version " + parameter.version()
            + ", " + parameter.dataType() + ", build " + tags.get("version") + "/" + tags.get("build-version") + ")");
      } catch (ParameterNotFoundException e) {
        out.println("  " + region + " " + PARAMETER + ": (none)");
      }
    }
  }

  private void printHistory() {
    out.println();
    out.println("History kept by SSM (aws ssm get-parameter-history --name " + PARAMETER + "):");
    for (String region : REGIONS) {
      try (SsmClient ssm = SsmClient.builder().region(Region.of(region)).build()) {
        ssm.getParameterHistory(r -> r.name(PARAMETER)).parameters().forEach(version -> out.println("  " + region
            + " version " + version.version() + ": " + version.value() + "  " + version.description()));
      }
    }
  }

  /** The sample message (1.2.0/3) as another build of the same image, with AMIs of its own. */
  private static String asBuild(String snsEvent, String version, int build, String eastAmi, String westAmi)
      throws Exception {
    ObjectNode event = (ObjectNode) JSON.readTree(snsEvent);
    ObjectNode sns = (ObjectNode) event.get("Records").get(0).get("Sns");
    ObjectNode message = (ObjectNode) JSON.readTree(sns.get("Message").asText());
    message.put("arn", message.get("arn").asText().replace("/1.2.0/3", "/" + version + "/" + build))
        .put("version", version).put("buildVersion", build);
    var amis = message.get("outputResources").get("amis");
    ((ObjectNode) amis.get(0)).put("image", eastAmi);
    ((ObjectNode) amis.get(1)).put("image", westAmi);
    sns.put("Message", JSON.writeValueAsString(message)).put("MessageId", "build-" + version + "-" + build);
    return JSON.writeValueAsString(event);
  }
}
