package dev.responders.isolation;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.config.ConfigReader;
import dev.responders.shared.event.EventBridgeEvent;
import dev.responders.shared.json.Json;
import dev.responders.shared.lambda.TimeBudget;
import dev.responders.shared.snapstart.Priming;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Entry point for CloudTrail EC2 calls that may reopen an isolated instance (drift): parse, answer, return what
 * was done. It runs with the isolating function's role, since re-containing is isolating again, and knows the
 * suite's roles so that their own calls are never taken for drift. In organization mode it answers a member
 * account's call there, through the member role ({@link MemberDrift}).
 */
public final class TagIsolationDriftHandler implements RequestStreamHandler {

  static final String NAME = "tag-isolation-drift";
  private static final Pattern ROLE_ARNS = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[^,]+(,arn:aws[a-z-]*:iam::\\d{12}:role/[^,]+)*");

  /** A call of another account: parsing and answering it touches no AWS resource. */
  private static final String PRIMING_EVENT = """
      {"version":"0","id":"priming","detail-type":"AWS API Call via CloudTrail","source":"aws.ec2",
       "account":"000000000000","time":"2026-01-01T00:00:00Z","region":"us-east-1","resources":[],
       "detail":{"eventSource":"ec2.amazonaws.com","eventName":"ModifyNetworkInterfaceAttribute",
                 "userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::000000000000:assumed-role/priming/priming",
                   "sessionContext":{"sessionIssuer":{"arn":"arn:aws:iam::000000000000:role/priming"}}},
                 "requestParameters":{"networkInterfaceId":"eni-00000000000000000"}}}
      """;

  private final DriftResponder responder;
  private final MemberDrift members;
  private final InstanceIsolator isolator;
  /** Held only so CRaC, which keeps registered resources weakly, still finds it at checkpoint time. */
  private final Priming priming;

  /** Used by Lambda: configuration and clients are built once per container, at init, then primed for SnapStart. */
  public TagIsolationDriftHandler() {
    this(IsolationConfig.fromEnvironment(System.getenv()), suiteRoleArns(System.getenv()),
        TagIsolationHandler.Clients.fromEnvironment(), Clock.systemUTC(), true);
  }

  public TagIsolationDriftHandler(IsolationConfig config, Set<String> suiteRoleArns,
      TagIsolationHandler.Clients clients, Clock clock) {
    this(config, suiteRoleArns, clients, clock, false);
  }

  private TagIsolationDriftHandler(IsolationConfig config, Set<String> suiteRoleArns,
      TagIsolationHandler.Clients clients, Clock clock, boolean prime) {
    this.isolator = clients.isolator(config, clock);
    this.responder = new DriftResponder(config, suiteRoleArns, clients.ec2(), isolator, clients.notifier());
    this.members = new MemberDrift(config, suiteRoleArns, clients, responder, clock);
    this.priming = prime ? Priming.register(this::warmUp) : null;
  }

  /** The roles of the suite's functions, whose calls are the suite's own (ISOLATION_SUITE_ROLE_ARNS). */
  static Set<String> suiteRoleArns(Map<String, String> environment) {
    ConfigReader env = new ConfigReader(environment);
    String roles = env.required("ISOLATION_SUITE_ROLE_ARNS", ROLE_ARNS, "a comma-separated list of IAM role ARNs");
    env.validate();
    return Arrays.stream(roles.split(",")).collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) {
    JsonNode json = Json.readEvent(input);
    EventBridgeEvent envelope = EventBridgeEvent.parse(json);
    AuditLog audit = AuditLog.toStandardOutput(NAME, envelope.id());
    Optional<String> foreign = ApiCallEvent.notAnEc2Call(envelope);
    if (foreign.isPresent()) {
      audit.decision("skip", envelope.detailType(), foreign.get());
      audit.outcome(DriftResult.Status.SKIPPED);
      Json.write(output, DriftResult.skipped(null, null, foreign.get()));
      return;
    }
    ApiCallEvent call = ApiCallEvent.from(envelope, json.get("detail"));
    Json.write(output, audit.counted(() -> members.respond(call, audit, TimeBudget.of(context)),
        DriftResult::status));
  }

  /**
   * What SnapStart snapshots warm: the event path end to end in the function's own account (another account's in
   * single-account mode; in organization mode an interface that cannot exist: reads only, no change) and EC2 reads.
   */
  void warmUp() {
    JsonNode json = Json.readEvent(new ByteArrayInputStream(PRIMING_EVENT.getBytes(StandardCharsets.UTF_8)));
    EventBridgeEvent envelope = EventBridgeEvent.parse(json);
    AuditLog silent = new AuditLog(NAME, envelope.id(), line -> { }, Clock.systemUTC());
    Json.write(OutputStream.nullOutputStream(), responder.respond(ApiCallEvent.from(envelope, json.get("detail")),
        silent, TimeBudget.unlimited()));
    responder.warmUp();
    isolator.warmUp();
  }
}
