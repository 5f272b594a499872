package dev.responders.isolation;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.event.EventBridgeEvent;
import dev.responders.shared.json.Json;
import dev.responders.shared.lambda.TimeBudget;
import dev.responders.shared.snapstart.Priming;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/**
 * Entry point for the release of an isolated instance: the isolation tag set to the release value. A function of
 * its own, so the isolating role never holds the permissions a release needs (any group back on an interface,
 * protection off, the instance's own role passed again).
 */
public final class TagReleaseHandler implements RequestStreamHandler {

  static final String NAME = "tag-release";

  private final IsolationConfig config;
  private final InstanceReleaser releaser;
  private final MemberInstances<InstanceReleaser> members;
  /** Held only so CRaC, which keeps registered resources weakly, still finds it at checkpoint time. */
  private final Priming priming;

  /** Used by Lambda: configuration and clients are built once per container, at init, then primed for SnapStart. */
  public TagReleaseHandler() {
    this(IsolationConfig.fromEnvironment(System.getenv()), TagIsolationHandler.Clients.fromEnvironment(),
        Clock.systemUTC(), true);
  }

  public TagReleaseHandler(IsolationConfig config, TagIsolationHandler.Clients clients, Clock clock) {
    this(config, clients, clock, false);
  }

  private TagReleaseHandler(IsolationConfig config, TagIsolationHandler.Clients clients, Clock clock,
      boolean prime) {
    this.config = config;
    this.releaser = releaser(config, clients, clock);
    this.members = new MemberInstances<>(config, clients, releaser, other -> releaser(config, other, clock), NAME,
        Steps.Failure.RELEASE);
    this.priming = prime ? Priming.register(this::warmUp) : null;
  }

  private static InstanceReleaser releaser(IsolationConfig config, TagIsolationHandler.Clients clients, Clock clock) {
    return new InstanceReleaser(config, clients.ec2(), clients.autoScaling(), clients.loadBalancers(),
        clients.inspector(clock), clients.priorState(config), clients.notifier());
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) {
    EventBridgeEvent envelope = EventBridgeEvent.parse(Json.readEvent(input));
    AuditLog audit = AuditLog.toStandardOutput(NAME, envelope.id());
    Optional<String> foreign = TagChangeEvent.notATagChange(envelope);
    if (foreign.isPresent()) {
      audit.decision("skip", String.join(",", envelope.resources()), foreign.get());
      audit.outcome(ReleaseResult.Status.SKIPPED);
      Json.write(output, ReleaseResult.skipped(null, foreign.get()));
      return;
    }
    TagChangeEvent event = TagChangeEvent.from(envelope);
    Json.write(output, audit.counted(() -> members.respond(event, config.releaseTagValue(), audit,
        actor -> actor.release(event, audit, TimeBudget.of(context)),
        why -> ReleaseResult.skipped(event.instanceId(), why)), ReleaseResult::status));
  }

  /**
   * What SnapStart snapshots warm: the event path end to end (another account's tag change, so no change) and
   * the release's reads of an instance and a record that cannot exist.
   */
  void warmUp() {
    TagChangeEvent event = TagChangeEvent.parse(Json.readEvent(new ByteArrayInputStream(
        TagIsolationHandler.PRIMING_EVENT.getBytes(StandardCharsets.UTF_8))));
    AuditLog silent = new AuditLog(NAME, event.eventId(), line -> { }, Clock.systemUTC());
    Json.write(OutputStream.nullOutputStream(), releaser.release(event, silent, TimeBudget.unlimited()));
    releaser.warmUp();
  }
}
