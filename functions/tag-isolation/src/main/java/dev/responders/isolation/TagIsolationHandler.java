package dev.responders.isolation;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.aws.AwsClients;
import dev.responders.shared.json.Json;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Entry point for EventBridge "Tag Change on Resource" events: parse, isolate, return what was done.
 * A malformed event raises {@link dev.responders.shared.error.InvalidEventException} before any AWS call;
 * an out-of-scope one returns {@code status: skipped} with the reason.
 */
public final class TagIsolationHandler implements RequestStreamHandler {

  static final String NAME = "tag-isolation";

  private final InstanceIsolator isolator;

  /** Used by Lambda: configuration and clients are built once per container, at init. */
  public TagIsolationHandler() {
    this(IsolationConfig.fromEnvironment(System.getenv()), AwsClients.build(Ec2Client.builder()),
        AwsClients.build(SsmClient.builder()), Clock.systemUTC());
  }

  public TagIsolationHandler(IsolationConfig config, Ec2Client ec2, SsmClient ssm, Clock clock) {
    this.isolator = new InstanceIsolator(config, ec2, new InstanceInspector(ec2, clock),
        new PriorStateStore(ssm, config), new IsolationGroupResolver(ec2));
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) {
    JsonNode json = Json.readEvent(input);
    TagChangeEvent event = TagChangeEvent.parse(json);
    IsolationResult result = isolator.isolate(event, AuditLog.toStandardOutput(NAME, event.eventId()));
    Json.write(output, result);
  }
}
