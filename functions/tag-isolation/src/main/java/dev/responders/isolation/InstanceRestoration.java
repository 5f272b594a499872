package dev.responders.isolation;

import dev.responders.isolation.PriorState.ConnectionTracking;
import dev.responders.isolation.PriorState.InterfaceGroups;
import dev.responders.isolation.PriorState.MetadataOptions;
import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.audit.AuditRecord;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileSpecification;

/** The changes a release makes to one instance, each only where EC2 shows it differs from the record. */
final class InstanceRestoration {

  private final Ec2Client ec2;

  InstanceRestoration(Ec2Client ec2) {
    this.ec2 = ec2;
  }

  /** Puts the recorded groups, in their order, back on one interface. */
  AuditRecord restoreInterface(InterfaceGroups recorded, List<String> groupsNow, AuditLog audit) {
    if (recorded.groupIds().equals(groupsNow)) {
      return audit.unchanged("ec2:ModifyNetworkInterfaceAttribute", recorded.networkInterfaceId(), groupsNow,
          "interface has its recorded groups");
    }
    var response = ec2.modifyNetworkInterfaceAttribute(r -> r.networkInterfaceId(recorded.networkInterfaceId())
        .groups(recorded.groupIds()));
    return audit.changed("ec2:ModifyNetworkInterfaceAttribute", recorded.networkInterfaceId(), groupsNow,
        recorded.groupIds(), response);
  }

  /** The recorded instance profile back, or none when it had none. */
  AuditRecord restoreProfile(String instanceId, String recordedArn, String arnNow, String associationIdNow,
      AuditLog audit) {
    if (Objects.equals(recordedArn, arnNow)) {
      return audit.unchanged("ec2:ReplaceIamInstanceProfileAssociation", instanceId, arnNow,
          recordedArn == null ? "instance has no profile, as recorded" : "instance has its recorded profile");
    }
    if (recordedArn == null) {
      var response = ec2.disassociateIamInstanceProfile(r -> r.associationId(associationIdNow));
      return audit.changed("ec2:DisassociateIamInstanceProfile", instanceId, arnNow, null, response);
    }
    IamInstanceProfileSpecification profile = IamInstanceProfileSpecification.builder().arn(recordedArn).build();
    if (associationIdNow == null) {
      var response = ec2.associateIamInstanceProfile(r -> r.instanceId(instanceId).iamInstanceProfile(profile));
      return audit.changed("ec2:AssociateIamInstanceProfile", instanceId, null, recordedArn, response);
    }
    var response = ec2.replaceIamInstanceProfileAssociation(r -> r.associationId(associationIdNow)
        .iamInstanceProfile(profile));
    return audit.changed("ec2:ReplaceIamInstanceProfileAssociation", instanceId, arnNow, recordedArn, response);
  }

  /**
   * The recorded connection-tracking timeouts back on one interface; EC2's defaults when none were described
   * before (the isolation set the shortest).
   */
  AuditRecord restoreConnectionTracking(InterfaceGroups recorded, ConnectionTracking now, AuditLog audit) {
    String target = recorded.networkInterfaceId() + " connectionTracking";
    ConnectionTracking wanted = recorded.tracking() == null ? ConnectionTracking.EC2_DEFAULTS : recorded.tracking();
    if (wanted.equals(now == null ? ConnectionTracking.EC2_DEFAULTS : now)) {
      return audit.unchanged("ec2:ModifyNetworkInterfaceAttribute", target, now, "connection tracking as recorded");
    }
    var response = ec2.modifyNetworkInterfaceAttribute(r -> r.networkInterfaceId(recorded.networkInterfaceId())
        .connectionTrackingSpecification(c -> c.tcpEstablishedTimeout(wanted.tcpEstablishedTimeout())
            .udpStreamTimeout(wanted.udpStreamTimeout()).udpTimeout(wanted.udpTimeout())));
    return audit.changed("ec2:ModifyNetworkInterfaceAttribute", target, now, wanted, response);
  }

  /** Every recorded metadata option back, when the isolation recorded them (it turned the endpoint off). */
  AuditRecord restoreMetadataOptions(String instanceId, MetadataOptions recorded, MetadataOptions now,
      AuditLog audit) {
    String target = instanceId + " metadataOptions";
    if (recorded == null || recorded.equals(now)) {
      return audit.unchanged("ec2:ModifyInstanceMetadataOptions", target, now,
          recorded == null ? "metadata options not recorded: the isolation did not change them"
              : "metadata options as recorded");
    }
    var response = ec2.modifyInstanceMetadataOptions(r -> r.instanceId(instanceId)
        .httpEndpoint(recorded.httpEndpoint()).httpTokens(recorded.httpTokens())
        .httpPutResponseHopLimit(recorded.httpPutResponseHopLimit()).httpProtocolIpv6(recorded.httpProtocolIpv6())
        .instanceMetadataTags(recorded.instanceMetadataTags()));
    return audit.changed("ec2:ModifyInstanceMetadataOptions", target, now, recorded, response);
  }

  AuditRecord restoreTerminationProtection(String instanceId, boolean recorded, boolean now, AuditLog audit) {
    String target = instanceId + " disableApiTermination";
    if (recorded == now) {
      return audit.unchanged("ec2:ModifyInstanceAttribute", target, now, "termination protection as recorded");
    }
    var response = ec2.modifyInstanceAttribute(r -> r.instanceId(instanceId)
        .disableApiTermination(b -> b.value(recorded)));
    return audit.changed("ec2:ModifyInstanceAttribute", target, now, recorded, response);
  }

  AuditRecord restoreShutdownBehavior(String instanceId, String recorded, String now, AuditLog audit) {
    String target = instanceId + " instanceInitiatedShutdownBehavior";
    if (recorded == null || recorded.equals(now)) {
      return audit.unchanged("ec2:ModifyInstanceAttribute", target, now, "shutdown behaviour as recorded");
    }
    var response = ec2.modifyInstanceAttribute(r -> r.instanceId(instanceId)
        .instanceInitiatedShutdownBehavior(b -> b.value(recorded)));
    return audit.changed("ec2:ModifyInstanceAttribute", target, now, recorded, response);
  }
}
