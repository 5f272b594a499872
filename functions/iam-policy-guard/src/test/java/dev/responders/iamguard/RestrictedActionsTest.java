package dev.responders.iamguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Policy semantics: what a document grants, judged against the default RestrictedActions. */
class RestrictedActionsTest {

  static final RestrictedActions DEFAULTS = RestrictedActions.parse(
      "s3:DeleteBucket,s3:DeleteObjectVersion,iam:CreateAccessKey,iam:PassRole,organizations:*,kms:ScheduleKeyDeletion");

  private static List<String> granted(String document) {
    return DEFAULTS.grantedBy(PolicyDocument.parse(document)).stream().map(Grant::restricted).distinct().toList();
  }

  @Test
  void aRestrictedActionInTheSecondStatementIsFound() {
    List<Grant> grants = DEFAULTS.grantedBy(PolicyDocument.parse("""
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Action":"s3:GetObject","Resource":"*"},
          {"Sid":"Cleanup","Effect":"Allow","Action":["s3:ListBucket","s3:DeleteBucket"],"Resource":"*"}]}"""));
    assertThat(grants).singleElement().satisfies(g -> {
      assertThat(g.statement()).isEqualTo(1);
      assertThat(g.sid()).isEqualTo("Cleanup");
      assertThat(g.restricted()).isEqualTo("s3:deletebucket");
      assertThat(g.how()).isEqualTo("Action s3:deletebucket grants s3:deletebucket");
    });
  }

  @Test
  void aWildcardInThePolicyGrantsWhatItMatches() {
    assertThat(granted("""
        {"Statement":{"Effect":"Allow","Action":"s3:Delete*","Resource":"*"}}"""))
        .containsExactly("s3:deletebucket", "s3:deleteobjectversion");
  }

  @Test
  void starGrantsEverythingRestricted() {
    assertThat(granted("""
        {"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""")).hasSize(6);
  }

  @Test
  void aWildcardOnBothSidesOverlaps() {
    assertThat(granted("""
        {"Statement":[{"Effect":"Allow","Action":["organizations:Leave*"],"Resource":"*"}]}"""))
        .containsExactly("organizations:*");
    assertThat(granted("""
        {"Statement":[{"Effect":"Allow","Action":["iam:*AccessKey*"],"Resource":"*"}]}"""))
        .containsExactly("iam:createaccesskey");
  }

  @Test
  void notActionGrantsEverythingItDoesNotList() {
    assertThat(granted("""
        {"Statement":[{"Effect":"Allow","NotAction":["s3:*","organizations:*"],"Resource":"*"}]}"""))
        .containsExactly("iam:createaccesskey", "iam:passrole", "kms:schedulekeydeletion");
  }

  @Test
  void notActionNarrowerThanARestrictedWildcardStillGrantsPartOfIt() {
    assertThat(granted("""
        {"Statement":[{"Effect":"Allow","NotAction":["organizations:Leave*","s3:*","iam:*","kms:*"],
          "Resource":"*"}]}""")).containsExactly("organizations:*");
  }

  @Test
  void actionsAreComparedWithoutRegardToCase() {
    assertThat(granted("""
        {"Statement":[{"Effect":"Allow","Action":"IAM:passrole","Resource":"*"}]}""")).containsExactly("iam:passrole");
  }

  @Test
  void denyStatementsGrantNothing() {
    assertThat(granted("""
        {"Statement":[{"Effect":"Deny","Action":"*","Resource":"*"},
          {"Effect":"Deny","NotAction":"s3:GetObject","Resource":"*"}]}""")).isEmpty();
  }

  @Test
  void anUnrestrictedPolicyGrantsNothingRestricted() {
    assertThat(granted("""
        {"Statement":[{"Effect":"Allow","Action":["s3:Get*","s3:List*","iam:Get*","kms:Decrypt"],"Resource":"*"}]}"""))
        .isEmpty();
  }

  @Test
  void theNeutralVersionGrantsNothing() {
    assertThat(granted(NeutralPolicy.DOCUMENT)).isEmpty();
  }

  @ParameterizedTest(name = "{0} vs {1}: overlaps {2}, covers {3}")
  @CsvSource({
      "s3:Delete*, s3:DeleteBucket, true, true",
      "s3:DeleteBucket, s3:Delete*, true, false",
      "*, organizations:*, true, true",
      "organizations:Create*, organizations:*, true, false",
      "s3:Delete?, s3:Delete*, true, false",
      "s3:?eleteBucket, s3:DeleteBucket, true, true",
      "s3:Get*, s3:DeleteBucket, false, false",
      "ec2:*, s3:*, false, false",
      "s3:*Bucket, s3:DeleteBucket, true, true"})
  void patternsOverlapAndCover(String policy, String restricted, boolean overlaps, boolean covers) {
    assertThat(ActionPattern.of(policy).overlaps(ActionPattern.of(restricted))).isEqualTo(overlaps);
    assertThat(ActionPattern.of(policy).covers(ActionPattern.of(restricted))).isEqualTo(covers);
  }

  @Test
  void unreadableDocumentsAreRefused() {
    assertThatThrownBy(() -> PolicyDocument.parse("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":7}]}"))
        .hasMessageContaining("Statement[0].Action must be a string or a list of strings");
    assertThatThrownBy(() -> PolicyDocument.parse("not json")).hasMessageContaining("not JSON");
  }
}
