package dev.responders.isolation;

import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.json.Json;
import java.util.Optional;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.PutParameterResponse;

/**
 * Keeps each instance's pre-isolation state in an SSM parameter, written before anything is changed, so it
 * outlives the log and a revert (by hand or by a handler) can restore it exactly.
 *
 * <p>The first record wins: a redelivered or concurrent event finds the instance already (partly) isolated,
 * and must not replace the real prior state with the isolated one. Creation without overwrite is the point
 * where concurrent invocations are ordered, and it costs the first isolation no read.
 */
public final class PriorStateStore {

  private final SsmClient ssm;
  private final IsolationConfig config;

  public PriorStateStore(SsmClient ssm, IsolationConfig config) {
    this.ssm = ssm;
    this.config = config;
  }

  /** Records {@code current} unless a record of a real prior state exists; returns the record in force. */
  public InstanceSnapshot record(InstanceSnapshot current, AuditLog audit) {
    String name = config.stateParameterName(current.instanceId());
    try {
      return put(name, current, null, audit);
    } catch (ParameterAlreadyExistsException exists) {
      InstanceSnapshot recorded = read(name).orElseThrow(() -> exists);
      if (current.showsIsolation(config.instanceProfileName())) {
        audit.unchanged("ssm:PutParameter", name, recorded,
            "instance already shows isolation; keeping the state recorded by event " + recorded.capturedByEvent());
        return recorded;
      }
      // No isolation left on the instance (reverted since): its state now is the one a revert must restore.
      return put(name, current, recorded, audit);
    }
  }

  /** Creates the record, or replaces {@code replaced} when it is given. */
  private InstanceSnapshot put(String name, InstanceSnapshot current, InstanceSnapshot replaced, AuditLog audit) {
    PutParameterResponse response = ssm.putParameter(r -> r.name(name)
        .type(ParameterType.STRING)
        .tier(ParameterTier.INTELLIGENT_TIERING)
        .overwrite(replaced != null)
        .description("State of " + current.instanceId() + " before isolation, for revert")
        .value(Json.write(current)));
    audit.changed("ssm:PutParameter", name, replaced, current, response);
    return current;
  }

  public Optional<InstanceSnapshot> read(String name) {
    try {
      String value = ssm.getParameter(r -> r.name(name)).parameter().value();
      return Optional.of(Json.read(value, InstanceSnapshot.class));
    } catch (ParameterNotFoundException e) {
      return Optional.empty();
    }
  }
}
