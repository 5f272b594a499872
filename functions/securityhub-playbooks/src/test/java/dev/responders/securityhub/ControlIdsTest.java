package dev.responders.securityhub;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One control id, whatever id format the finding came in. */
class ControlIdsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "security-control/IAM.7, IAM.7",
      "security-control/CloudTrail.2, CloudTrail.2",
      "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0/rule/1.5, IAM.11",
      "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0/rule/1.11, IAM.17",
      "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0/rule/1.3, IAM.8",
      "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0/rule/1.4, IAM.3",
      "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0/rule/2.2, CloudTrail.4",
      "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0/rule/2.3, CloudTrail.6",
      "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0/rule/2.4, CloudTrail.5",
      "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0/rule/2.6, CloudTrail.7",
      "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0/rule/2.7, CloudTrail.2",
      "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0/rule/2.8, KMS.4",
      "arn:aws-us-gov:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0/rule/2.8, KMS.4",
      "cis-aws-foundations-benchmark/v/1.4.0/3.2, CloudTrail.4",
      "cis-aws-foundations-benchmark/v/1.4.0/3.8, KMS.4",
      "cis-aws-foundations-benchmark/v/1.4.0/1.8, IAM.15",
      "cis-aws-foundations-benchmark/v/3.0.0/3.6, KMS.4",
      "cis-aws-foundations-benchmark/v/3.0.0/3.5, CloudTrail.2",
      "cis-aws-foundations-benchmark/v/3.0.0/3.4, CloudTrail.7",
      "aws-foundational-security-best-practices/v/1.0.0/IAM.3, IAM.3",
      "aws-foundational-security-best-practices/v/1.0.0/KMS.4, KMS.4"})
  void readsTheControlFromEveryGeneratorFormat(String generatorId, String control) {
    assertThat(ControlIds.of(null, generatorId)).contains(control);
  }

  @ParameterizedTest(name = "{0} names no known control")
  @CsvSource({
      "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0/rule/9.9",
      "cis-aws-foundations-benchmark/v/1.4.0/7.7",
      "cis-aws-foundations-benchmark/v/2.0.0/3.2",
      "prowler-check-iam_password_policy",
      "security-control/",
      "aws-foundational-security-best-practices/v/1.0.0/"})
  void reportsAGeneratorItCannotReadAsNoControl(String generatorId) {
    assertThat(ControlIds.of(null, generatorId)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void theConsolidatedSecurityControlIdWinsOverTheGenerator() {
    assertThat(ControlIds.of("IAM.16",
        "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0/rule/1.5")).contains("IAM.16");
  }
}
