package dev.responders.isolation;

import dev.responders.isolation.PriorState.AddressAssociation;
import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.audit.AuditRecord;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * The Elastic IPs on an instance's interfaces. Found by interface, not by instance: EC2 reports an address on
 * a secondary interface by its interface id. Disassociated at isolation (the public address stops reaching it,
 * and no one can point it elsewhere unnoticed while it is recorded); associated again on release.
 */
final class ElasticIpAssociations {

  private final Ec2Client ec2;

  ElasticIpAssociations(Ec2Client ec2) {
    this.ec2 = ec2;
  }

  /** The addresses associated with any of these interfaces now. */
  List<Address> on(Collection<String> networkInterfaceIds) {
    if (networkInterfaceIds.isEmpty()) {
      return List.of();
    }
    return ec2.describeAddresses(r -> r.filters(Filter.builder().name("network-interface-id")
        .values(networkInterfaceIds).build())).addresses();
  }

  static AddressAssociation recorded(Address address) {
    return new AddressAssociation(address.allocationId(), address.networkInterfaceId(), address.privateIpAddress());
  }

  AuditRecord disassociate(Address address, AuditLog audit) {
    var response = ec2.disassociateAddress(r -> r.associationId(address.associationId()));
    return audit.changed("ec2:DisassociateAddress", address.allocationId(),
        address.networkInterfaceId() + " " + address.privateIpAddress(), null, response);
  }

  /**
   * Associates a recorded address again, unless it already is where it was. Never takes it from elsewhere
   * ({@code AllowReassociation} false): an address moved since is reported by the failure, not stolen back.
   */
  AuditRecord restore(AddressAssociation wanted, AuditLog audit) {
    Optional<Address> now = ec2.describeAddresses(r -> r.allocationIds(wanted.allocationId())).addresses().stream()
        .findFirst();
    if (now.isPresent() && wanted.networkInterfaceId().equals(now.get().networkInterfaceId())
        && wanted.privateIpAddress().equals(now.get().privateIpAddress())) {
      return audit.unchanged("ec2:AssociateAddress", wanted.allocationId(), wanted.networkInterfaceId(),
          "address already associated as recorded");
    }
    var response = ec2.associateAddress(r -> r.allocationId(wanted.allocationId())
        .networkInterfaceId(wanted.networkInterfaceId()).privateIpAddress(wanted.privateIpAddress())
        .allowReassociation(false));
    return audit.changed("ec2:AssociateAddress", wanted.allocationId(), null,
        wanted.networkInterfaceId() + " " + wanted.privateIpAddress(), response);
  }
}
