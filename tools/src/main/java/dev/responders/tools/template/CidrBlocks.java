package dev.responders.tools.template;

import java.util.ArrayList;
import java.util.List;

/** {@code Fn::Cidr} for IPv4: the first {@code count} blocks of {@code 2^cidrBits} addresses inside a block. */
final class CidrBlocks {

  private CidrBlocks() {
  }

  /** arguments: ipBlock, count, cidrBits. */
  static List<String> split(List<String> arguments) {
    String block = arguments.get(0);
    int count = Integer.parseInt(arguments.get(1));
    int bits = Integer.parseInt(arguments.get(2));
    String[] addressAndPrefix = block.split("/");
    String[] octets = addressAndPrefix[0].split("\\.");
    if (addressAndPrefix.length != 2 || octets.length != 4) {
      throw new IllegalStateException("Fn::Cidr: only IPv4 blocks such as 10.0.0.0/16 are computed, got " + block);
    }
    int prefix = Integer.parseInt(addressAndPrefix[1]);
    int subnetPrefix = 32 - bits;
    if (bits < 1 || subnetPrefix < prefix || count < 1 || count > (1L << (subnetPrefix - prefix))) {
      throw new IllegalStateException("Fn::Cidr: " + count + " blocks of /" + subnetPrefix + " do not fit in " + block);
    }
    long base = 0;
    for (String octet : octets) {
      base = (base << 8) | Integer.parseInt(octet);
    }
    base &= prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    List<String> blocks = new ArrayList<>();
    for (long i = 0; i < count; i++) {
      long address = base + (i << bits);
      blocks.add((address >> 24 & 255) + "." + (address >> 16 & 255) + "." + (address >> 8 & 255) + "."
          + (address & 255) + "/" + subnetPrefix);
    }
    return blocks;
  }
}
