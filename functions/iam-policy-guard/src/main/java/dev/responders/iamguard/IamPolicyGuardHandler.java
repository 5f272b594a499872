package dev.responders.iamguard;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.aws.AwsClients;
import dev.responders.shared.aws.OrganizationAccess;
import dev.responders.shared.event.EventBridgeEvent;
import dev.responders.shared.json.Json;
import dev.responders.shared.notify.Notifier;
import dev.responders.shared.snapstart.Priming;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Entry point for CloudTrail IAM calls through EventBridge: parse, judge, hold and start the approval. A malformed
 * event raises {@link dev.responders.shared.error.InvalidEventException} before any AWS call; an out-of-scope one
 * (a failed call, the guard's own, another account; in organization mode an account outside the organization)
 * returns {@code status: skipped} with the reason.
 */
public final class IamPolicyGuardHandler implements RequestStreamHandler {

  /** A failed call: parsed and answered without any AWS call. */
  private static final String PRIMING_EVENT = """
      {"version":"0","id":"priming","detail-type":"AWS API Call via CloudTrail","source":"aws.iam",
       "account":"000000000000","time":"2026-01-01T00:00:00Z","region":"us-east-1","resources":[],
       "detail":{"eventSource":"iam.amazonaws.com","eventName":"CreatePolicy","errorCode":"priming",
                 "userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::000000000000:user/priming"}}}
      """;

  private final PolicyGuard guard;
  /** Held only so CRaC, which keeps registered resources weakly, still finds it at checkpoint time. */
  private final Priming priming;

  /** Used by Lambda: configuration and clients built once per container, at init, then primed for SnapStart. */
  public IamPolicyGuardHandler() {
    this(GuardConfig.fromEnvironment(System.getenv()), AwsClients.build(IamClient.builder()), AwsClients.build(SsmClient.builder()),
        AwsClients.build(SfnClient.builder()), Notifier.fromEnvironment(System.getenv()), Clock.systemUTC(), true);
  }

  IamPolicyGuardHandler(GuardConfig config, IamClient iam, SsmClient ssm, SfnClient sfn, Notifier notifier,
      Clock clock) {
    this(config, iam, ssm, sfn, notifier, clock, false);
  }

  private IamPolicyGuardHandler(GuardConfig config, IamClient iam, SsmClient ssm, SfnClient sfn, Notifier notifier,
      Clock clock, boolean prime) {
    VersionRecordStore records = new VersionRecordStore(ssm, config.recordPrefix(),
        config.deployment().organization());
    PolicyAccounts accounts = new PolicyAccounts(config.scope(),
        OrganizationAccess.create(config.deployment(), config.scope(), PolicyAccounts.GUARD_SESSION),
        new PolicyVersions(iam, records, clock), records, clock);
    this.guard = new PolicyGuard(config, accounts, new ApprovalWorkflow(sfn, config.stateMachineArn()), notifier);
    this.priming = prime ? Priming.register(this::warmUp) : null;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) {
    EventBridgeEvent envelope = EventBridgeEvent.parse(Json.readEvent(input));
    AuditLog audit = AuditLog.toStandardOutput(PolicyGuard.HANDLER, envelope.id());
    Optional<String> foreign = PolicyChangeEvent.notAnIamCall(envelope);
    if (foreign.isPresent()) {
      audit.decision("skip", "event", foreign.get());
      Json.write(output, GuardResult.skipped(null, foreign.get()));
      return;
    }
    Json.write(output, guard.guard(PolicyChangeEvent.from(envelope), audit));
  }

  void warmUp() {
    EventBridgeEvent envelope = EventBridgeEvent.parse(Json.readEvent(
        new ByteArrayInputStream(PRIMING_EVENT.getBytes(StandardCharsets.UTF_8))));
    AuditLog silent = new AuditLog(PolicyGuard.HANDLER, "priming", line -> { }, Clock.systemUTC());
    Json.write(OutputStream.nullOutputStream(), guard.guard(PolicyChangeEvent.from(envelope), silent));
  }
}
