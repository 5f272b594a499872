package dev.responders.isolation;

import dev.responders.isolation.PriorState.ConnectionTracking;
import dev.responders.isolation.PriorState.InterfaceGroups;
import dev.responders.isolation.PriorState.MetadataOptions;
import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.audit.AuditRecord;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileSpecification;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataEndpointState;
import software.amazon.awssdk.services.ec2.model.Tag;

/** The containment changes made to one instance, each applied only when EC2 shows it is not yet in place. */
final class InstanceContainment {

  private final Ec2Client ec2;
  private final IsolationConfig config;

  InstanceContainment(Ec2Client ec2, IsolationConfig config) {
    this.ec2 = ec2;
    this.config = config;
  }

  /** Leaves the isolation group as the interface's only group. */
  AuditRecord isolateInterface(InterfaceGroups nic, String isolationGroupId, AuditLog audit) {
    List<String> target = List.of(isolationGroupId);
    if (nic.groupIds().equals(target)) {
      return audit.unchanged("ec2:ModifyNetworkInterfaceAttribute", nic.networkInterfaceId(), target,
          "interface already has only the isolation group");
    }
    var response = ec2.modifyNetworkInterfaceAttribute(r -> r.networkInterfaceId(nic.networkInterfaceId())
        .groups(target));
    return audit.changed("ec2:ModifyNetworkInterfaceAttribute", nic.networkInterfaceId(), nic.groupIds(), target,
        response);
  }

  /**
   * Puts the all-traffic group alone on an interface, the instant before the deny-all group: its tracked flows
   * become untracked, so the deny-all group then cuts them.
   */
  AuditRecord untrackInterface(InterfaceGroups nic, String untrackGroupId, AuditLog audit) {
    var response = ec2.modifyNetworkInterfaceAttribute(r -> r.networkInterfaceId(nic.networkInterfaceId())
        .groups(untrackGroupId));
    return audit.changed("ec2:ModifyNetworkInterfaceAttribute", nic.networkInterfaceId(), nic.groupIds(),
        List.of(untrackGroupId), response);
  }

  /**
   * The shortest connection-tracking timeouts on an interface, so a flow still tracked after the move ends within
   * a minute. Interfaces that do not support them (instances before Nitro) refuse: recorded, not a failure.
   */
  AuditRecord shortenConnectionTracking(InterfaceGroups nic, AuditLog audit) {
    String target = nic.networkInterfaceId() + " connectionTracking";
    ConnectionTracking shortest = ConnectionTracking.SHORTEST;
    if (shortest.equals(nic.tracking())) {
      return audit.unchanged("ec2:ModifyNetworkInterfaceAttribute", target, shortest,
          "connection-tracking timeouts already the shortest");
    }
    try {
      var response = ec2.modifyNetworkInterfaceAttribute(r -> r.networkInterfaceId(nic.networkInterfaceId())
          .connectionTrackingSpecification(c -> c.tcpEstablishedTimeout(shortest.tcpEstablishedTimeout())
              .udpStreamTimeout(shortest.udpStreamTimeout()).udpTimeout(shortest.udpTimeout())));
      return audit.changed("ec2:ModifyNetworkInterfaceAttribute", target, nic.tracking(), shortest, response);
    } catch (Ec2Exception e) {
      if (!"UnsupportedOperation".equals(InstanceInspector.errorCode(e))) {
        throw e;
      }
      return audit.decision("skip-connection-tracking-timeouts", nic.networkInterfaceId(), e.getMessage());
    }
  }

  /**
   * Turns the instance metadata endpoint off: security groups do not filter 169.254.169.254, so an isolated
   * instance could otherwise still read its metadata and user data.
   */
  AuditRecord disableInstanceMetadata(PriorState prior, AuditLog audit) {
    String target = prior.instanceId() + " metadataOptions";
    MetadataOptions was = prior.metadataOptions();
    if (was != null && "disabled".equals(was.httpEndpoint())) {
      return audit.unchanged("ec2:ModifyInstanceMetadataOptions", target, "disabled",
          "instance metadata endpoint already disabled");
    }
    var response = ec2.modifyInstanceMetadataOptions(r -> r.instanceId(prior.instanceId())
        .httpEndpoint(InstanceMetadataEndpointState.DISABLED));
    return audit.changed("ec2:ModifyInstanceMetadataOptions", target, was, "httpEndpoint disabled", response);
  }

  /** Replaces the instance's profile with the deny-all one, or associates it when the instance has none. */
  AuditRecord swapInstanceProfile(PriorState prior, String associationId, AuditLog audit) {
    String current = prior.instanceProfileArn();
    IamInstanceProfileSpecification isolation = IamInstanceProfileSpecification.builder()
        .name(config.instanceProfileName()).build();
    if (current != null && current.endsWith("/" + config.instanceProfileName())) {
      return audit.unchanged("ec2:ReplaceIamInstanceProfileAssociation", prior.instanceId(), current,
          "instance already has the isolation profile");
    }
    if (associationId == null) {
      var response = ec2.associateIamInstanceProfile(r -> r.instanceId(prior.instanceId())
          .iamInstanceProfile(isolation));
      return audit.changed("ec2:AssociateIamInstanceProfile", prior.instanceId(), null,
          response.iamInstanceProfileAssociation().iamInstanceProfile().arn(), response);
    }
    var response = ec2.replaceIamInstanceProfileAssociation(r -> r.associationId(associationId)
        .iamInstanceProfile(isolation));
    return audit.changed("ec2:ReplaceIamInstanceProfileAssociation", prior.instanceId(), current,
        response.iamInstanceProfileAssociation().iamInstanceProfile().arn(), response);
  }

  /**
   * Termination protection on, so no one destroys the evidence by hand. Spot instances refuse it: that is
   * recorded, not treated as a failure of the containment.
   */
  AuditRecord protectFromTermination(PriorState prior, AuditLog audit) {
    String target = prior.instanceId() + " disableApiTermination";
    if (prior.disableApiTermination()) {
      return audit.unchanged("ec2:ModifyInstanceAttribute", target, true, "termination protection already on");
    }
    try {
      var response = ec2.modifyInstanceAttribute(r -> r.instanceId(prior.instanceId())
          .disableApiTermination(b -> b.value(true)));
      return audit.changed("ec2:ModifyInstanceAttribute", target, false, true, response);
    } catch (Ec2Exception e) {
      if (!"UnsupportedOperation".equals(InstanceInspector.errorCode(e))) {
        throw e;
      }
      return audit.decision("skip-termination-protection", prior.instanceId(), e.getMessage());
    }
  }

  /** Shutdown behaviour "stop", so a shutdown from inside the instance does not terminate it. */
  AuditRecord stopOnShutdown(PriorState prior, AuditLog audit) {
    String target = prior.instanceId() + " instanceInitiatedShutdownBehavior";
    if ("stop".equals(prior.shutdownBehavior())) {
      return audit.unchanged("ec2:ModifyInstanceAttribute", target, "stop", "shutdown already stops the instance");
    }
    var response = ec2.modifyInstanceAttribute(r -> r.instanceId(prior.instanceId())
        .instanceInitiatedShutdownBehavior(b -> b.value("stop")));
    return audit.changed("ec2:ModifyInstanceAttribute", target, prior.shutdownBehavior(), "stop", response);
  }

  /** Writes the outcome under the status key, which the rule does not match, so it cannot re-trigger. */
  AuditRecord tagStatus(String instanceId, Map<String, String> tagsNow, String status, AuditLog audit) {
    String before = tagsNow.get(config.statusTagKey());
    if (status.equals(before)) {
      return audit.unchanged("ec2:CreateTags", instanceId + " " + config.statusTagKey(), status,
          "status tag already says " + status);
    }
    var response = ec2.createTags(r -> r.resources(instanceId)
        .tags(Tag.builder().key(config.statusTagKey()).value(status).build()));
    return audit.changed("ec2:CreateTags", instanceId + " " + config.statusTagKey(), before, status, response);
  }
}
