package dev.responders.ami;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.ami.AmiParameterUpdater.ImagePlan;
import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.aws.AwsClients;
import dev.responders.shared.error.NotificationFailedException;
import dev.responders.shared.event.EventBridgeEvent;
import dev.responders.shared.json.Json;
import dev.responders.shared.lambda.TimeBudget;
import dev.responders.shared.notify.Delivery;
import dev.responders.shared.notify.Notifier;
import dev.responders.shared.snapstart.Priming;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Entry point for the Image Builder topic's SNS events (the image in every record's message) and for EventBridge
 * "EC2 Image Builder Image State Change" events (the image then read with GetImage). A malformed event raises
 * {@link dev.responders.shared.error.InvalidEventException} before anything is written; parameters that could
 * not all be written raise {@link ParametersIncompleteException} once every other one was tried.
 */
public final class AmiParameterUpdaterHandler implements RequestStreamHandler {

  static final String NAME = "ami-parameter-updater";

  /** Still building, so out of scope: parsing and answering it writes nothing. */
  private static final String PRIMING_MESSAGE = """
      {"arn":"arn:aws:imagebuilder:us-east-1:000000000000:image/priming/0.0.0/1","name":"priming",
       "version":"0.0.0","buildVersion":1,"state":{"status":"BUILDING"},"outputResources":{"amis":[]}}""";

  private final AmiParameterUpdater updater;
  private final ParameterStores stores;
  private final AmiParameterWriter writer;
  /** Held only so CRaC, which keeps registered resources weakly, still finds it at checkpoint time. */
  private final Priming priming;

  /** Used by Lambda: configuration and clients are built once per container, at init, then primed for SnapStart. */
  public AmiParameterUpdaterHandler() {
    this(AmiParameterConfig.fromEnvironment(System.getenv()));
  }

  private AmiParameterUpdaterHandler(AmiParameterConfig config) {
    this(config, Clients.fromEnvironment(config), true);
  }

  public AmiParameterUpdaterHandler(AmiParameterConfig config, Clients clients) {
    this(config, clients, false);
  }

  private AmiParameterUpdaterHandler(AmiParameterConfig config, Clients clients, boolean prime) {
    this.stores = clients.parameterStores();
    this.writer = new AmiParameterWriter(clients.confirmation());
    this.updater = new AmiParameterUpdater(config, stores, writer, clients.notifier());
    this.priming = prime ? Priming.register(this::warmUp) : null;
  }

  /** The AWS clients the function talks through, built once per container. */
  public record Clients(ParameterStores parameterStores, Notifier notifier,
      AmiParameterWriter.Confirmation confirmation) {

    static Clients fromEnvironment(AmiParameterConfig config) {
      return new Clients(ParameterStores.create(config),
          Notifier.fromEnvironment(System.getenv()), AmiParameterWriter.Confirmation.DEFAULT);
    }
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) {
    respond(readAll(input), output, eventId -> AuditLog.toStandardOutput(NAME, eventId), TimeBudget.of(context));
  }

  private void respond(byte[] event, OutputStream output, Function<String, AuditLog> auditFor, TimeBudget budget) {
    JsonNode json = Json.readEvent(new ByteArrayInputStream(event));
    AuditLog audit;
    List<ImageBuild> builds = new ArrayList<>();
    if (SnsImageMessages.looksLikeRecords(json)) {
      SnsImageMessages.Messages messages = SnsImageMessages.read(event);
      audit = auditFor.apply(messages.firstMessageId());
      builds.addAll(messages.images());
    } else {
      EventBridgeEvent envelope = EventBridgeEvent.parse(json);
      audit = auditFor.apply(envelope.id());
      Optional<String> foreign = ImageStateChange.notAnImageStateChange(envelope);
      if (foreign.isPresent()) {
        audit.decision("skip", String.join(",", envelope.resources()), foreign.get());
        audit.outcome(ImageOutcome.SKIPPED);
        Json.write(output, AmiUpdateResult.of(List.of(ImageResult.skipped(null, null, foreign.get())), List.of()));
        return;
      }
      ImageStateChange change = ImageStateChange.from(envelope);
      Optional<String> notOurs = outOfScope(envelope, change, audit);
      if (notOurs.isPresent()) {
        audit.decision("skip", change.image().toString(), notOurs.get());
        audit.outcome(ImageOutcome.SKIPPED);
        Json.write(output, AmiUpdateResult.of(List.of(ImageResult.skipped(change.image().toString(),
            change.status().name(), notOurs.get())), List.of()));
        return;
      }
      if (change.status().handling() != ImageStatus.Handling.PUBLISH) {
        builds.add(change.withoutAmis());
      } else {
        Optional<ImageBuild> image = stores.imagesOf(change.image()).get(change.image());
        if (image.isEmpty()) {
          String why = "Image Builder no longer has image " + change.image();
          audit.decision("skip", change.image().toString(), why);
          audit.outcome(ImageOutcome.SKIPPED);
          Json.write(output, AmiUpdateResult.of(List.of(ImageResult.skipped(change.image().toString(), "AVAILABLE",
              why)), List.of()));
          return;
        }
        builds.add(image.get());
      }
    }
    Json.write(output, run(builds, audit, budget));
  }

  /**
   * Why an image state change is not this function's, before Image Builder is asked: an image of another account
   * than the event's (forged or broken), or of an account it does not publish for. An organization that cannot be
   * asked (throttled past retries, denied) is audited and fails the invocation, which Lambda retries.
   */
  private Optional<String> outOfScope(EventBridgeEvent envelope, ImageStateChange change, AuditLog audit) {
    if (!envelope.account().equals(change.image().account())) {
      return Optional.of("image is of account " + change.image().account() + ", the event of account "
          + envelope.account());
    }
    try {
      return stores.imageOutOfScope(change.image().account());
    } catch (SdkException e) {
      audit.failed("organizations:DescribeAccount", change.image().account(), null, e);
      audit.outcome(ImageOutcome.INCOMPLETE);
      throw e;
    }
  }

  /** Plans every image (every name checked) before writing any, then applies each; counts the outcome. */
  AmiUpdateResult run(List<ImageBuild> builds, AuditLog audit, TimeBudget budget) {
    return audit.counted(() -> update(builds, audit, budget), AmiUpdateResult::status);
  }

  /** Fails at the end if work is owed (a parameter not written, a notification not sent). */
  private AmiUpdateResult update(List<ImageBuild> builds, AuditLog audit, TimeBudget budget) {
    List<ImagePlan> plans = builds.stream().map(updater::plan).toList();
    List<ImageResult> results = plans.stream().map(plan -> updater.apply(plan, audit, budget)).toList();
    AmiUpdateResult result = AmiUpdateResult.of(results, audit.changes());
    if (result.status() == ImageOutcome.INCOMPLETE) {
      throw new ParametersIncompleteException(result);
    }
    for (ImageResult image : results) {
      if (image.notification() == Delivery.FAILED) {
        throw new NotificationFailedException("Image Builder image " + image.imageStatus() + ": " + image.imageArn(),
            Json.write(result));
      }
    }
    return result;
  }

  /** What SnapStart snapshots warm: the SNS path end to end (out of scope, so no change) and the SSM read. */
  void warmUp() {
    String event = "{\"Records\":[{\"EventSource\":\"aws:sns\",\"EventVersion\":\"1.0\",\"Sns\":{\"Type\":"
        + "\"Notification\",\"MessageId\":\"priming\",\"Message\":" + Json.write(PRIMING_MESSAGE) + "}}]}";
    respond(event.getBytes(StandardCharsets.UTF_8), OutputStream.nullOutputStream(),
        eventId -> new AuditLog(NAME, eventId, line -> { }, Clock.systemUTC()), TimeBudget.unlimited());
    Target never = new Target("aws", stores.functionAccountId(), AwsClients.region().id(),
        "/ami-parameter-updater/priming/never", new Ami(AwsClients.region().id(), "ami-00000000", null,
        stores.functionAccountId()));
    writer.read(stores.of(never), never.parameterName());
  }

  private static byte[] readAll(InputStream input) {
    try {
      return input.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
