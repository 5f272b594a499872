package dev.responders.securityhub;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The security control id of a finding, whatever id format Security Hub used for it: consolidated findings carry
 * it ({@code Compliance.SecurityControlId}, generator {@code security-control/<id>}); findings of the older
 * per-standard formats name the standard's own requirement number, which the tables here map to the control id,
 * so one playbook answers every format.
 */
final class ControlIds {

  private static final Pattern CONSOLIDATED = Pattern.compile("security-control/([A-Za-z0-9]+\\.[0-9]+)");
  private static final Pattern CIS_120 = Pattern.compile(
      "arn:aws[a-z-]*:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1\\.2\\.0/rule/([0-9.]+)");
  private static final Pattern CIS_LATER = Pattern.compile(
      "cis-aws-foundations-benchmark/v/(1\\.4\\.0|3\\.0\\.0)/([0-9.]+)");
  private static final Pattern FSBP = Pattern.compile(
      "aws-foundational-security-best-practices/v/1\\.0\\.0/([A-Za-z0-9]+\\.[0-9]+)");

  /** CIS AWS Foundations 1.2.0 requirement → security control (Security Hub's CIS 1.2.0 control table). */
  static final Map<String, String> CIS_1_2_0 = Map.ofEntries(
      Map.entry("1.1", "CloudWatch.1"), Map.entry("1.2", "IAM.5"), Map.entry("1.3", "IAM.8"),
      Map.entry("1.4", "IAM.3"), Map.entry("1.5", "IAM.11"), Map.entry("1.6", "IAM.12"),
      Map.entry("1.7", "IAM.13"), Map.entry("1.8", "IAM.14"), Map.entry("1.9", "IAM.15"),
      Map.entry("1.10", "IAM.16"), Map.entry("1.11", "IAM.17"), Map.entry("1.12", "IAM.4"),
      Map.entry("1.13", "IAM.9"), Map.entry("1.14", "IAM.6"), Map.entry("1.16", "IAM.2"),
      Map.entry("1.20", "IAM.18"), Map.entry("1.22", "IAM.1"), Map.entry("2.1", "CloudTrail.1"),
      Map.entry("2.2", "CloudTrail.4"), Map.entry("2.3", "CloudTrail.6"), Map.entry("2.4", "CloudTrail.5"),
      Map.entry("2.5", "Config.1"), Map.entry("2.6", "CloudTrail.7"), Map.entry("2.7", "CloudTrail.2"),
      Map.entry("2.8", "KMS.4"), Map.entry("2.9", "EC2.6"), Map.entry("4.1", "EC2.13"),
      Map.entry("4.2", "EC2.14"), Map.entry("4.3", "EC2.2"));

  /** CIS 1.4.0 requirement → security control. */
  static final Map<String, String> CIS_1_4_0 = Map.ofEntries(
      Map.entry("1.8", "IAM.15"), Map.entry("1.9", "IAM.16"), Map.entry("1.12", "IAM.22"),
      Map.entry("1.14", "IAM.3"), Map.entry("3.1", "CloudTrail.1"), Map.entry("3.2", "CloudTrail.4"),
      Map.entry("3.3", "CloudTrail.6"), Map.entry("3.4", "CloudTrail.5"), Map.entry("3.5", "Config.1"),
      Map.entry("3.6", "CloudTrail.7"), Map.entry("3.7", "CloudTrail.2"), Map.entry("3.8", "KMS.4"),
      Map.entry("3.9", "EC2.6"), Map.entry("5.3", "EC2.2"));

  /** CIS 3.0.0 requirement → security control (3.0.0 dropped the public-bucket requirement and renumbered). */
  static final Map<String, String> CIS_3_0_0 = Map.ofEntries(
      Map.entry("1.8", "IAM.15"), Map.entry("1.9", "IAM.16"), Map.entry("1.12", "IAM.22"),
      Map.entry("1.14", "IAM.3"), Map.entry("3.1", "CloudTrail.1"), Map.entry("3.2", "CloudTrail.4"),
      Map.entry("3.3", "Config.1"), Map.entry("3.4", "CloudTrail.7"), Map.entry("3.5", "CloudTrail.2"),
      Map.entry("3.6", "KMS.4"), Map.entry("3.7", "EC2.6"), Map.entry("5.4", "EC2.2"));

  private ControlIds() {
  }

  /**
   * The control id: {@code Compliance.SecurityControlId} when the finding has one, else read from its generator.
   * Empty when neither names a control this table knows (the finding is then reported, never guessed at).
   */
  static Optional<String> of(String securityControlId, String generatorId) {
    if (securityControlId != null) {
      return Optional.of(securityControlId);
    }
    Matcher m = CONSOLIDATED.matcher(generatorId);
    if (m.matches()) {
      return Optional.of(m.group(1));
    }
    m = CIS_120.matcher(generatorId);
    if (m.matches()) {
      return Optional.ofNullable(CIS_1_2_0.get(m.group(1)));
    }
    m = CIS_LATER.matcher(generatorId);
    if (m.matches()) {
      return Optional.ofNullable((m.group(1).equals("1.4.0") ? CIS_1_4_0 : CIS_3_0_0).get(m.group(2)));
    }
    m = FSBP.matcher(generatorId);
    if (m.matches()) {
      return Optional.of(m.group(1));
    }
    return Optional.empty();
  }
}
