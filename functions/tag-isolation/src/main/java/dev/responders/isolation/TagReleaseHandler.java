package dev.responders.isolation;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.event.EventBridgeEvent;
import dev.responders.shared.json.Json;
import dev.responders.shared.lambda.TimeBudget;
import java.io.InputStream;
import java.io.OutputStream;
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
  private final MemberInstances<InstanceReleaser> members;

  /** Used by Lambda: configuration and clients are built once per container, at init. */
  public TagReleaseHandler() {
    this(IsolationConfig.fromEnvironment(System.getenv()), TagIsolationHandler.Clients.fromEnvironment(),
        Clock.systemUTC());
  }

  public TagReleaseHandler(IsolationConfig config, TagIsolationHandler.Clients clients, Clock clock) {
    this.config = config;
    this.members = new MemberInstances<>(config, clients, releaser(config, clients, clock),
        other -> releaser(config, other, clock), NAME, Steps.Failure.RELEASE);
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
}
