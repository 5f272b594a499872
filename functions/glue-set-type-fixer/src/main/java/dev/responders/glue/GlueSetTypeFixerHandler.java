package dev.responders.glue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.aws.AwsClients;
import dev.responders.shared.aws.EventAccounts;
import dev.responders.shared.aws.MemberSessions;
import dev.responders.shared.aws.OrganizationAccess;
import dev.responders.shared.error.RemediationIncompleteException;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import dev.responders.shared.event.EventBridgeEvent;
import dev.responders.shared.json.Json;
import dev.responders.shared.lambda.TimeBudget;
import dev.responders.shared.notify.Notifier;
import dev.responders.shared.snapstart.Priming;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * Entry point for EventBridge "Glue Data Catalog Table State Change" and "Database State Change" events: parse,
 * fix the named tables' set types, return what was done. A malformed event raises
 * {@link dev.responders.shared.error.InvalidEventException} before any AWS call; an out-of-scope one returns
 * {@code status: skipped} with the reason.
 */
public final class GlueSetTypeFixerHandler implements RequestStreamHandler {

  static final String NAME = "glue-set-type-fixer";

  /** Out of scope (a deletion): parsing and answering it touches no table. */
  private static final String PRIMING_EVENT = """
      {"version":"0","id":"priming","detail-type":"Glue Data Catalog Table State Change","source":"aws.glue",
       "account":"000000000000","time":"2026-01-01T00:00:00Z","region":"us-east-1",
       "resources":["arn:aws:glue:us-east-1:000000000000:table/priming/priming"],
       "detail":{"databaseName":"priming","tableName":"priming","typeOfChange":"DeletePartition",
                 "changedPartitions":["[priming]"]}}
      """;

  private final CatalogSetTypeFixer fixer;
  private final GlueFixerConfig config;
  private final EventAccounts<CatalogSetTypeFixer> accounts;
  private final Notifier notifier;
  /** Held only so CRaC, which keeps registered resources weakly, still finds it at checkpoint time. */
  private final Priming priming;

  /** Used by Lambda: configuration and the client are built once per container, at init, then primed for SnapStart. */
  public GlueSetTypeFixerHandler() {
    this(GlueFixerConfig.fromEnvironment(System.getenv()), AwsClients.build(GlueClient.builder()),
        Notifier.fromEnvironment(System.getenv()), true);
  }

  public GlueSetTypeFixerHandler(GlueFixerConfig config, GlueClient glue, Notifier notifier) {
    this(config, glue, notifier, false);
  }

  private GlueSetTypeFixerHandler(GlueFixerConfig config, GlueClient glue, Notifier notifier, boolean prime) {
    this.fixer = new CatalogSetTypeFixer(config, glue, notifier);
    this.config = config;
    this.notifier = notifier;
    OrganizationAccess access = OrganizationAccess.create(config.deployment(), config.scope(), NAME);
    this.accounts = new EventAccounts<>(access, access.clients(fixer, (region, credentials) ->
        new CatalogSetTypeFixer(config, AwsClients.build(GlueClient.builder(), region, credentials), notifier)),
        config.scope());
    this.priming = prime ? Priming.register(this::warmUp) : null;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) {
    EventBridgeEvent envelope = EventBridgeEvent.parse(Json.readEvent(input));
    AuditLog audit = AuditLog.toStandardOutput(NAME, envelope.id());
    Optional<String> foreign = CatalogChangeEvent.notACatalogChange(envelope);
    if (foreign.isPresent()) {
      audit.decision("skip", String.join(",", envelope.resources()), foreign.get());
      audit.outcome(FixResult.Status.SKIPPED);
      Json.write(output, FixResult.skipped(null, foreign.get()));
      return;
    }
    CatalogChangeEvent event = CatalogChangeEvent.from(envelope);
    String target = "glue:" + event.account() + "/" + event.region() + "/" + event.database();
    Json.write(output, audit.counted(() -> accounts.respond(event.outOfScopeReason(config).isEmpty(),
        new EventAccounts.Where(MemberSessions.partitionOf(Region.of(config.scope().region())), event.account(),
            event.region()), target, audit, there -> there.fix(event, audit, TimeBudget.of(context)),
        why -> FixResult.skipped(event.database(), why), (action, e) -> unreached(target, action, e, audit)),
        FixResult::status));
  }

  /** The event's account could not be checked or reached: nothing was changed; told, and raised for the retry. */
  private RemediationIncompleteException unreached(String target, String action, SdkException e, AuditLog audit) {
    notifier.notify(NAME, Outcome.FIX_FAILED.label(), "Glue set-type fix FAILED for " + target + ": account not"
        + " reached", Map.of("target", target, "failed_action", action, "error", String.valueOf(e.getMessage()),
        "completed", List.of()), audit);
    return new RemediationIncompleteException(action, target, List.of(), e);
  }

  /** What SnapStart snapshots warm: the event path end to end (out of scope, so no change) and the Glue read. */
  void warmUp() {
    CatalogChangeEvent event = CatalogChangeEvent.parse(Json.readEvent(
        new ByteArrayInputStream(PRIMING_EVENT.getBytes(StandardCharsets.UTF_8))));
    AuditLog silent = new AuditLog(NAME, event.eventId(), line -> { }, Clock.systemUTC());
    Json.write(OutputStream.nullOutputStream(), fixer.fix(event, silent, TimeBudget.unlimited()));
    fixer.warmUp();
  }
}
