package dev.responders.isolation;

import java.util.List;

/**
 * What the function keeps of one incident, sealed (see {@link dev.responders.shared.integrity.RecordSeal}) in the
 * SSM parameter {@code <prefix>/<instance-id>}. Written once when the incident opens; every later attempt of the
 * same incident keeps its prior state and only moves it on to {@link RecordStatus#CONTAINED}, and a release to
 * {@link RecordStatus#RELEASED}.
 *
 * @param evidenceSnapshotIds the incident's volume snapshots, once taken
 */
public record IsolationRecord(RecordStatus status, PriorState prior, List<String> evidenceSnapshotIds) {

  /** The id of the event that opened the incident. */
  public String incident() {
    return prior.capturedByEvent();
  }

  IsolationRecord contained(List<String> evidence) {
    return new IsolationRecord(RecordStatus.CONTAINED, prior, List.copyOf(evidence));
  }

  IsolationRecord released() {
    return new IsolationRecord(RecordStatus.RELEASED, prior, evidenceSnapshotIds);
  }
}
