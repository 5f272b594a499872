package dev.responders.isolation;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.aws.AwsClients;
import dev.responders.shared.event.EventBridgeEvent;
import dev.responders.shared.integrity.RecordSeal;
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
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancing.ElasticLoadBalancingClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Entry point for EventBridge "Tag Change on Resource" events: parse, isolate, return what was done.
 * A malformed event raises {@link dev.responders.shared.error.InvalidEventException} before any AWS call;
 * an out-of-scope one returns {@code status: skipped} with the reason.
 */
public final class TagIsolationHandler implements RequestStreamHandler {

  static final String NAME = "tag-isolation";

  /** Out of scope (another tag value): parsing and answering it touches no AWS resource. */
  static final String PRIMING_EVENT = """
      {"version":"0","id":"priming","detail-type":"Tag Change on Resource","source":"aws.tag",
       "account":"000000000000","time":"2026-01-01T00:00:00Z","region":"us-east-1",
       "resources":["arn:aws:ec2:us-east-1:000000000000:instance/i-00000000000000000"],
       "detail":{"changed-tag-keys":["priming"],"service":"ec2","resource-type":"instance","version":1,
                 "tags":{"priming":"priming"}}}
      """;

  private final InstanceIsolator isolator;
  private final IsolationConfig config;
  private final MemberInstances<InstanceIsolator> members;
  /** Held only so CRaC, which keeps registered resources weakly, still finds it at checkpoint time. */
  private final Priming priming;

  /** Used by Lambda: configuration and clients are built once per container, at init, then primed for SnapStart. */
  public TagIsolationHandler() {
    this(IsolationConfig.fromEnvironment(System.getenv()), Clients.fromEnvironment(), Clock.systemUTC(), true);
  }

  public TagIsolationHandler(IsolationConfig config, Clients clients, Clock clock) {
    this(config, clients, clock, false);
  }

  private TagIsolationHandler(IsolationConfig config, Clients clients, Clock clock, boolean prime) {
    this.config = config;
    this.isolator = clients.isolator(config, clock);
    this.members = new MemberInstances<>(config, clients, isolator, other -> other.isolator(config, clock), NAME,
        Steps.Failure.ISOLATION);
    this.priming = prime ? Priming.register(this::warmUp) : null;
  }

  /** The AWS clients the isolation and release functions talk through, built once per container. */
  public record Clients(Ec2Client ec2, AutoScalingClient autoScaling, ElasticLoadBalancingV2Client elbv2,
      ElasticLoadBalancingClient elb, IamClient iam, SsmClient ssm, KmsClient kms, Notifier notifier) {

    static Clients fromEnvironment() {
      return new Clients(AwsClients.build(Ec2Client.builder()), AwsClients.build(AutoScalingClient.builder()),
          AwsClients.build(ElasticLoadBalancingV2Client.builder()),
          AwsClients.build(ElasticLoadBalancingClient.builder()), AwsClients.build(IamClient.builder()),
          AwsClients.build(SsmClient.builder()),
          AwsClients.build(KmsClient.builder()), Notifier.fromEnvironment(System.getenv()));
    }

    /**
     * The clients of another account (its member role's credentials) or region: the instance's EC2, Auto Scaling,
     * load balancers and IAM there; the isolation records stay in the function's own SSM, sealed by its own key.
     */
    Clients in(Region region, AwsCredentialsProvider credentials) {
      return new Clients(AwsClients.build(Ec2Client.builder(), region, credentials),
          AwsClients.build(AutoScalingClient.builder(), region, credentials),
          AwsClients.build(ElasticLoadBalancingV2Client.builder(), region, credentials),
          AwsClients.build(ElasticLoadBalancingClient.builder(), region, credentials),
          AwsClients.build(IamClient.builder(), region, credentials), ssm, kms, notifier);
    }

    LoadBalancerMembership loadBalancers() {
      return new LoadBalancerMembership(elbv2, elb);
    }

    InstanceInspector inspector(Clock clock) {
      return new InstanceInspector(ec2, autoScaling, loadBalancers(), new ElasticIpAssociations(ec2), clock);
    }

    InstanceIsolator isolator(IsolationConfig config, Clock clock) {
      return new InstanceIsolator(config, ec2, autoScaling, loadBalancers(), new RoleSessionRevoker(iam),
          inspector(clock), priorState(config), notifier, clock);
    }

    PriorStateStore priorState(IsolationConfig config) {
      return new PriorStateStore(ssm, new RecordSeal(kms, config.recordKeyId()), config);
    }
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) {
    EventBridgeEvent envelope = EventBridgeEvent.parse(Json.readEvent(input));
    AuditLog audit = AuditLog.toStandardOutput(NAME, envelope.id());
    Optional<String> foreign = TagChangeEvent.notATagChange(envelope);
    if (foreign.isPresent()) {
      audit.decision("skip", String.join(",", envelope.resources()), foreign.get());
      audit.outcome(IsolationResult.Status.SKIPPED);
      Json.write(output, IsolationResult.skipped(null, foreign.get()));
      return;
    }
    TagChangeEvent event = TagChangeEvent.from(envelope);
    Json.write(output, audit.counted(() -> members.respond(event, config.tagValue(), audit,
        actor -> actor.isolate(event, audit, TimeBudget.of(context)),
        why -> IsolationResult.skipped(event.instanceId(), why)), IsolationResult::status));
  }

  /** What SnapStart snapshots warm: the event path end to end (out of scope, so no change) and the AWS reads. */
  void warmUp() {
    TagChangeEvent event = TagChangeEvent.parse(Json.readEvent(
        new ByteArrayInputStream(PRIMING_EVENT.getBytes(StandardCharsets.UTF_8))));
    AuditLog silent = new AuditLog(NAME, event.eventId(), line -> { }, Clock.systemUTC());
    Json.write(OutputStream.nullOutputStream(), isolator.isolate(event, silent, TimeBudget.unlimited()));
    isolator.warmUp();
  }
}
