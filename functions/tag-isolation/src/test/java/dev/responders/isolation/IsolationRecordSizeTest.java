package dev.responders.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.responders.isolation.PriorState.InterfaceGroups;
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
  void eightInterfacesOfFiveGroupsFitTheStandardTier() {
    assertThat(sealedSize(record(8, 5))).isLessThanOrEqualTo(4096);
  }

  @Test
  void theLargestInstanceFitsTheAdvancedTier() {
    // EC2's limits: up to 15 interfaces on the largest types, up to 16 security groups per interface.
    assertThat(sealedSize(record(15, 16))).isLessThanOrEqualTo(8192);
  }

  private static int sealedSize(IsolationRecord record) {
    return Json.write(record).getBytes(StandardCharsets.UTF_8).length + SEAL_OVERHEAD;
  }

  private static IsolationRecord record(int interfaces, int groupsEach) {
    List<InterfaceGroups> nics = IntStream.range(0, interfaces).mapToObj(i -> new InterfaceGroups(
        "eni-" + hex(i), i, null, IntStream.range(0, groupsEach).mapToObj(g -> "sg-" + hex(i * 100 + g))
        .toList())).toList();
    PriorState prior = new PriorState("i-" + hex(1), "vpc-" + hex(99), "running", nics,
        "a".repeat(255), "arn:aws:iam::123456789012:instance-profile/" + "p".repeat(128), false, "terminate",
        Instant.parse("2026-12-02T00:00:00.123456789Z"), "0d7a5b1e-3c2f-4e8a-9b6d-7f1e2d3c4b5a");
    return new IsolationRecord(RecordStatus.CONTAINED, prior, IntStream.range(0, 30).mapToObj(v -> "snap-" + hex(v))
        .toList());
  }

  /** 17 hex digits, the length of current EC2 ids. */
  private static String hex(int n) {
    return String.format("%017x", n);
  }
}
