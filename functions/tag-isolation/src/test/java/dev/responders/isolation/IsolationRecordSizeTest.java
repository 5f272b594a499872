package dev.responders.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.responders.isolation.PriorState.AddressAssociation;
import dev.responders.isolation.PriorState.InterfaceGroups;
import dev.responders.isolation.PriorState.TargetRegistration;
import dev.responders.shared.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The record must fit one SSM parameter: 4 KB in the standard tier, 8 KB in the advanced tier. */
class IsolationRecordSizeTest {

  /** What RecordSeal adds around the record: {"seal":"<44 base64 characters>","record":...}. */
  private static final int SEAL_OVERHEAD = "{\"seal\":\"\",\"record\":}".length() + 44;

  @Test
  void eightInterfacesOfFiveGroupsBehindTwoLoadBalancersWithTwoElasticIpsFitTheStandardTier() {
    assertThat(sealedSize(record(8, 5, 2, 2))).isLessThanOrEqualTo(4096);
  }

  @Test
  void theLargestInstanceFitsTheAdvancedTier() {
    // EC2's limits: up to 15 interfaces on the largest types, up to 16 security groups per interface.
    // Of those, no load balancer and no Elastic IP: the record is then full. Beyond it the write fails; containment
    // goes on and the prior state travels in the result and the notification instead.
    assertThat(sealedSize(record(15, 16, 0, 0))).isLessThanOrEqualTo(8192);
  }

  @Test
  void eightInterfacesOfSixteenGroupsInFiveTargetGroupsWithAnElasticIpEachFitTheAdvancedTier() {
    assertThat(sealedSize(record(8, 16, 5, 8))).isLessThanOrEqualTo(8192);
  }

  private static int sealedSize(IsolationRecord record) {
    return Json.write(record).getBytes(StandardCharsets.UTF_8).length + SEAL_OVERHEAD;
  }

  private static IsolationRecord record(int interfaces, int groupsEach, int registrations, int elasticIps) {
    List<InterfaceGroups> nics = nics(interfaces, groupsEach);
    // Target groups of the longest names (32 characters), classic load balancers of 32, an address per interface.
    List<TargetRegistration> targets = IntStream.range(0, registrations).mapToObj(t -> new TargetRegistration(
        "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/" + "t".repeat(29) + hex(t).substring(14)
            + "/" + "0123456789abcdef", "i-" + hex(1), 65535, null)).toList();
    List<String> classic = IntStream.range(0, Math.max(0, registrations - 1)).mapToObj(c -> "c".repeat(29) + hex(c).substring(14))
        .toList();
    List<AddressAssociation> addresses = IntStream.range(0, elasticIps).mapToObj(a -> new AddressAssociation(
        "eipalloc-" + hex(a), "eni-" + hex(a), "10.255.255.255")).toList();
    PriorState prior = new PriorState("i-" + hex(1), "vpc-" + hex(99), "running", nics,
        "a".repeat(255), 10_000, "arn:aws:iam::123456789012:instance-profile/" + "p".repeat(128), false,
        "terminate", targets, classic, addresses,
        Instant.parse("2026-12-02T00:00:00.123456789Z"), "0d7a5b1e-3c2f-4e8a-9b6d-7f1e2d3c4b5a",
        new PriorState.MetadataOptions("enabled", "optional", 64, "disabled", "disabled"));
    return new IsolationRecord(RecordStatus.CONTAINED, prior, IntStream.range(0, 30).mapToObj(v -> "snap-" + hex(v))
        .toList());
  }

  private static List<InterfaceGroups> nics(int interfaces, int groupsEach) {
    return IntStream.range(0, interfaces).mapToObj(i -> new InterfaceGroups(
        "eni-" + hex(i), i, null, IntStream.range(0, groupsEach).mapToObj(g -> "sg-" + hex(i * 100 + g))
        .toList(), PriorState.ConnectionTracking.EC2_DEFAULTS)).toList();
  }

  /** 17 hex digits, the length of current EC2 ids. */
  private static String hex(int n) {
    return String.format("%017x", n);
  }
}
