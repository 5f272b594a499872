package dev.responders.tools.account;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.AlreadyInOrganizationException;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * A second account of the emulator's organization, as someone working in it sees it: moto keeps accounts apart by
 * the account of the role whose credentials a call carries, so clients built here create and read that account's
 * resources. The test account ({@code 123456789012}) is the organization's management account. Clients take the
 * emulator's endpoint from the system properties {@code MotoExtension} sets.
 */
public final class MemberAccount {

  /** An account id no organization of the emulator holds: what a forged event claims. */
  public static final String OUTSIDER = "999999999999";

  private final String id;
  private final AwsCredentialsProvider credentials;

  private MemberAccount(String id, AwsCredentialsProvider credentials) {
    this.id = id;
    this.credentials = credentials;
  }

  /** Creates the organization (unless there is one) and an account named {@code name} in it. */
  public static MemberAccount create(String name) {
    try (OrganizationsClient organizations = OrganizationsClient.builder().region(Region.AWS_GLOBAL).build()) {
      try {
        organizations.createOrganization(r -> r.featureSet(OrganizationFeatureSet.ALL));
      } catch (AlreadyInOrganizationException e) {
        // A second member of the same organization.
      }
      String id = organizations.createAccount(r -> r.accountName(name).email(name + "@example.com"))
          .createAccountStatus().accountId();
      return new MemberAccount(id, assumedInto(id));
    }
  }

  private static AwsCredentialsProvider assumedInto(String account) {
    try (StsClient sts = StsClient.create()) {
      Credentials session = sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + account + ":role/test-operator")
          .roleSessionName("test-operator")).credentials();
      return StaticCredentialsProvider.create(AwsSessionCredentials.create(session.accessKeyId(),
          session.secretAccessKey(), session.sessionToken()));
    }
  }

  public String id() {
    return id;
  }

  /** A client of this account in {@code region}, e.g. {@code member.client(Ec2Client.builder(), Region.US_EAST_1)}. */
  public <B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C> C client(B builder, Region region) {
    return builder.region(region).credentialsProvider(credentials).build();
  }
}
