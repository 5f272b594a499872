package dev.responders.isolation;

import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.integrity.RecordSeal;
import dev.responders.shared.json.Json;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * Keeps each incident's record (the instance's state before isolation, and how far the incident got) in an SSM
 * parameter, sealed, so it outlives the log and a revert can restore exactly the state before the first change.
 *
 * <ul>
 *   <li>The record of an incident is written once, before any change. Every later attempt of the incident (a
 *       Lambda retry after a partial failure, a redelivery, a concurrent duplicate) keeps it: create without
 *       overwrite orders concurrent invocations, and a record still {@link RecordStatus#CONTAINING} is never
 *       replaced, however isolated or half-isolated the instance now looks.</li>
 *   <li>A new incident replaces a record only when that record is {@link RecordStatus#CONTAINED} and the instance
 *       no longer shows any isolation (it was reverted since). SSM keeps the replaced version in its history.</li>
 *   <li>A record that does not carry the suite's seal (written or edited by someone else) is never trusted.</li>
 *   <li>Bookkeeping never blocks containment: when the record cannot be written (SSM or KMS denied, throttled,
 *       down), containment goes on with the prior state carried in the audit log and the notification, and the
 *       result says the record is missing.</li>
 * </ul>
 */
public final class PriorStateStore {

  private final SsmClient ssm;
  private final RecordSeal seal;
  private final IsolationConfig config;

  public PriorStateStore(SsmClient ssm, RecordSeal seal, IsolationConfig config) {
    this.ssm = ssm;
    this.seal = seal;
    this.config = config;
  }

  /**
   * The record this attempt works under.
   *
   * @param current        the state just inspected
   * @param showsIsolation the isolation group or profile is on the instance now
   * @param touched        isolation shows, or the instance carries the function's status tag: an earlier attempt
   *                       changed it, so its state now is not the one to restore
   * @param drift          a re-containment after a later change reopened the instance: a contained record is kept
   *                       even when nothing of the isolation shows any more (the drift undid it all), since the
   *                       state now is the drift's, not the one to restore
   */
  public Opened open(PriorState current, boolean showsIsolation, boolean touched, boolean drift, AuditLog audit) {
    String name = config.stateParameterName(current.instanceId());
    IsolationRecord fresh = new IsolationRecord(RecordStatus.CONTAINING, current, List.of());
    try {
      if (!touched) {
        try {
          write(name, fresh, null, audit);
          return Opened.kept(fresh);
        } catch (ParameterAlreadyExistsException exists) {
          // Another attempt or incident recorded first: decide below from what it wrote.
        }
      }
      Optional<String> stored = storedValue(name);
      if (stored.isEmpty()) {
        return untouchedOrUnknown(name, fresh, touched, audit);
      }
      Optional<IsolationRecord> trusted = seal.open(name, stored.get())
          .map(json -> Json.read(json, IsolationRecord.class));
      if (trusted.isEmpty()) {
        audit.decision("distrust-prior-state-record", name,
            "the record is not sealed by this suite (written or edited by someone else): it is not used");
        String warning = "record " + name + " was not written by this suite and is not trusted";
        if (showsIsolation) {
          return Opened.unkept(fresh, warning + "; the instance already shows isolation, so its prior state is unknown"
              + " (the record's earlier versions are in the parameter's history)");
        }
        write(name, fresh, "untrusted record", audit);
        return Opened.kept(fresh).warn(warning + "; replaced with the state inspected now (history keeps it)");
      }
      IsolationRecord recorded = trusted.get();
      boolean reverted = recorded.status() != RecordStatus.CONTAINING && !showsIsolation
          && !(drift && recorded.status() == RecordStatus.CONTAINED);
      if (reverted) {
        // Contained before, and released or reverted since: a new incident, whose prior state is the state now.
        write(name, fresh, recorded, audit);
        return Opened.kept(fresh);
      }
      audit.unchanged("ssm:PutParameter", name, recorded.status(),
          "incident " + recorded.incident() + " is on record (" + recorded.status().label()
              + "); its prior state is kept");
      return Opened.kept(recorded);
    } catch (SdkException | IllegalArgumentException e) {
      audit.failed("ssm:PutParameter", name, current, e);
      return Opened.unkept(fresh, "prior state could not be recorded in " + name + " (" + e.getMessage()
          + "); containment went on, the prior state is in this result and in the audit log");
    }
  }

  /** No record at all: the first attempt of an untouched instance was just refused one, or a touched instance. */
  private Opened untouchedOrUnknown(String name, IsolationRecord fresh, boolean touched, AuditLog audit) {
    if (!touched) {
      write(name, fresh, null, audit);
      return Opened.kept(fresh);
    }
    audit.decision("no-prior-state-record", name,
        "the instance already shows isolation or its status tag, and no record exists: its state now is not recorded");
    return Opened.unkept(fresh, "no record in " + name + " and the instance was already changed: its prior state is"
        + " unknown here (the audit log of the first attempt holds it)");
  }

  /** Moves the incident on to contained, with its evidence; a failure is reported, never raised. */
  public Optional<String> markContained(Opened opened, List<String> evidence, AuditLog audit) {
    if (!opened.kept()) {
      return Optional.empty();
    }
    String name = config.stateParameterName(opened.record().prior().instanceId());
    try {
      write(name, opened.record().contained(evidence), opened.record().status(), audit);
      return Optional.empty();
    } catch (SdkException e) {
      audit.failed("ssm:PutParameter", name, opened.record().status(), e);
      return Optional.of("record " + name + " could not be marked contained (" + e.getMessage()
          + "): a redelivery will tell the responders again");
    }
  }

  /** Marks the incident released, so a later isolation records afresh; a failure is reported, never raised. */
  public Optional<String> markReleased(IsolationRecord record, AuditLog audit) {
    String name = config.stateParameterName(record.prior().instanceId());
    try {
      write(name, record.released(), record.status(), audit);
      return Optional.empty();
    } catch (SdkException e) {
      audit.failed("ssm:PutParameter", name, record.status(), e);
      return Optional.of("record " + name + " could not be marked released (" + e.getMessage()
          + "): a redelivery will tell the responders again");
    }
  }

  /** The stored value of an instance's record, trusted or not; empty when there is none. */
  public Optional<String> storedRecord(String instanceId) {
    return storedValue(config.stateParameterName(instanceId));
  }

  /**
   * For SnapStart priming: reads the record of an instance that cannot exist and computes (not stores) a seal,
   * so the SSM and KMS paths are warm in the snapshot. Writes nothing.
   */
  void warmUp(String neverAnInstance) {
    read(neverAnInstance);
    seal.seal(config.stateParameterName(neverAnInstance), "{}");
  }

  /** The trusted record of an instance, if any. Reads only. */
  public Optional<IsolationRecord> read(String instanceId) {
    String name = config.stateParameterName(instanceId);
    return storedValue(name).flatMap(value -> seal.open(name, value)).map(json -> Json.read(json, IsolationRecord.class));
  }

  private void write(String name, IsolationRecord record, Object replaced, AuditLog audit) {
    String value = seal.seal(name, Json.write(record));
    var response = ssm.putParameter(r -> r.name(name)
        .type(ParameterType.STRING)
        // Standard (4 KB) up to 8 interfaces of 5 groups; beyond that SSM moves it to the advanced tier (8 KB).
        .tier(ParameterTier.INTELLIGENT_TIERING)
        .overwrite(replaced != null)
        .description("Isolation of " + record.prior().instanceId() + ": state before the incident, for revert")
        .value(value));
    audit.changed("ssm:PutParameter", name, replaced == null ? null : describe(replaced), record.status(), response);
  }

  private static Object describe(Object replaced) {
    return replaced instanceof IsolationRecord r ? r.status() + " record of incident " + r.incident() : replaced;
  }

  private Optional<String> storedValue(String name) {
    try {
      return Optional.of(ssm.getParameter(r -> r.name(name)).parameter().value());
    } catch (ParameterNotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * The record an attempt works under.
   *
   * @param kept    whether it is in SSM (sealed); when false the prior state lives only in the audit log and the
   *                result, and nothing will restore it automatically
   * @param warning what went wrong with the bookkeeping, or null
   */
  public record Opened(IsolationRecord record, boolean kept, String warning) {

    static Opened kept(IsolationRecord record) {
      return new Opened(record, true, null);
    }

    static Opened unkept(IsolationRecord record, String warning) {
      return new Opened(record, false, warning);
    }

    Opened warn(String text) {
      return new Opened(record, kept, text);
    }
  }
}
