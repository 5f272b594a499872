package dev.responders.tools.bench;

import java.util.List;

/**
 * What the benchmark measured of one function on one event. Times in milliseconds.
 *
 * @param reference      the Python/boto3 process, start to exit
 * @param cold           the function JVM under the emulator, start to result (the emulator's REPORT Duration)
 * @param primed         the first invocation after the SnapStart priming hooks
 * @param warm           each warm invocation; {@code warmInsideSdk} the part inside SDK calls, {@code
 *                       warmOutsideSdk} the rest
 * @param javaCalls      the handler's calls on the first warm invocation, as the interceptor saw them
 * @param referenceCalls the reference's calls on its last run, as botocore's hook saw them
 * @param peakRssKb      VmHWM of the function JVM after its first invocation; {@code warmPeakRssKb} after the last
 */
record EventFigures(String event, Timings reference, Timings cold, Timings primed, Timings warm,
    Timings warmInsideSdk, Timings warmOutsideSdk, List<String> javaCalls, List<String> referenceCalls,
    long peakRssKb, long warmPeakRssKb, int runs, int warmRuns) {

  double coldRatio() {
    return cold.median() / reference.median();
  }

  double primedRatio() {
    return primed.median() / reference.median();
  }

  /** Whether the reference makes the handler's calls: the same count, and the same operations in any order. */
  boolean sameCalls() {
    return javaCalls.size() == referenceCalls.size()
        && javaCalls.stream().map(EventFigures::normalised).sorted().toList()
            .equals(referenceCalls.stream().map(EventFigures::normalised).sorted().toList());
  }

  /** The SDK says {@code Ec2.DescribeInstances}, botocore {@code ec2.DescribeInstances}. */
  static String normalised(String operation) {
    return operation.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9.]", "");
  }
}
