package dev.responders.isolation;

import dev.responders.shared.audit.AuditLog;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CopyTagsFromSource;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.SnapshotInfo;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * Snapshots every volume of an isolated instance, once per incident, for forensics: the snapshots are tagged
 * with the instance and the event that opened the incident (the one whose prior state is on record), so a
 * redelivery finds them and takes no more.
 *
 * <p>Evidence is taken after containment and does not hold it back: a failure here (snapshot limits, a volume
 * in a bad state) is audited and reported in the result and the notification, not raised.
 */
final class EvidenceSnapshotter {

  static final String INSTANCE_TAG = "responders:isolated-instance";
  static final String INCIDENT_TAG = "responders:incident";

  private final Ec2Client ec2;

  EvidenceSnapshotter(Ec2Client ec2) {
    this.ec2 = ec2;
  }

  /**
   * The incident's snapshot ids, taken now or earlier; empty with the failure audited when they cannot be.
   *
   * @param onRecord the ids the incident's sealed record holds, if the snapshots were taken and recorded before;
   *                 otherwise snapshots tagged for this incident count (taken by an attempt that failed before
   *                 it could record them)
   */
  Evidence snapshot(String instanceId, String incident, List<String> onRecord, AuditLog audit) {
    try {
      List<String> existing = (onRecord.isEmpty()
          ? ec2.describeSnapshots(r -> r.ownerIds("self").filters(
              Filter.builder().name("tag:" + INSTANCE_TAG).values(instanceId).build(),
              Filter.builder().name("tag:" + INCIDENT_TAG).values(incident).build()))
          : ec2.describeSnapshots(r -> r.ownerIds("self").snapshotIds(onRecord)))
          .snapshots().stream().map(Snapshot::snapshotId).sorted().toList();
      if (!existing.isEmpty()) {
        audit.unchanged("ec2:CreateSnapshots", instanceId, existing, "volumes already snapshotted for this incident");
        return new Evidence("taken", existing);
      }
      var response = ec2.createSnapshots(r -> r.instanceSpecification(i -> i.instanceId(instanceId))
          .description("Evidence: " + instanceId + " at isolation (aws-event-responders)")
          .copyTagsFromSource(CopyTagsFromSource.VOLUME)
          .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.SNAPSHOT).tags(
              tag("responders:purpose", "isolation-evidence"), tag(INSTANCE_TAG, instanceId),
              tag(INCIDENT_TAG, incident)).build()));
      List<String> taken = response.snapshots().stream().map(SnapshotInfo::snapshotId).sorted().toList();
      audit.changed("ec2:CreateSnapshots", instanceId, null, taken, response);
      return new Evidence("taken", taken);
    } catch (SdkException e) {
      audit.failed("ec2:CreateSnapshots", instanceId, null, e);
      return new Evidence("failed: " + e.getMessage(), List.of());
    }
  }

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }

  /** @param outcome {@code taken}, {@code disabled} or {@code failed: <why>} */
  record Evidence(String outcome, List<String> snapshotIds) {

    static Evidence disabled() {
      return new Evidence("disabled", List.of());
    }
  }
}
