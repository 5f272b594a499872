package dev.responders.tools.bench;

import dev.responders.tools.account.NotificationInbox;
import dev.responders.tools.account.SampleAccount;
import dev.responders.tools.account.SampleEvents;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What the tag-isolation module's three benches seed, as the demo's chapter does: the record key, the responders'
 * topic and the deny-all profile once; per run an instance tagged for isolation in a VPC of its own, isolated
 * first, where the bench needs that, by TagIsolationFunction itself (a {@link SeedingFunction}: only it seals a
 * record the release and the drift trust).
 */
final class IsolationAccount implements AutoCloseable {

  private final SeedClients clients = new SeedClients();
  private SampleAccount account;
  private Ec2Client ec2;
  private String topicArn;
  private String profileArn;
  private SeedingFunction isolation;
  private int vpcs;

  void seed() {
    ec2 = clients.open(Ec2Client.create());
    account = new SampleAccount(ec2, clients.open(IamClient.builder().region(Region.AWS_GLOBAL).build()),
        clients.open(AutoScalingClient.create()));
    SampleAccount.createRecordKey(clients.open(KmsClient.create()));
    // The responders' topic as template.yaml names it locally: an isolation whose notification cannot be sent fails.
    topicArn = NotificationInbox.create(clients.open(SnsClient.create()), clients.open(SqsClient.create()),
        "ResponderNotificationsTopic").topicArn();
    profileArn = account.createIsolationProfile();
  }

  /** A new VPC and subnet with one instance tagged {@code SecurityResponse=isolate}; returns its id. */
  String launchTagged() {
    vpcs++;
    String vpc = account.createVpc("10." + (vpcs % 250) + ".0.0/16");
    String subnet = account.createSubnet(vpc, "10." + (vpcs % 250) + ".1.0/24");
    return account.launch(subnet, List.of(List.of()), Map.of("SecurityResponse", "isolate"));
  }

  /** A tagged instance, isolated by TagIsolationFunction on the sample event; returns its id. */
  String launchIsolated(Map<String, String> environment) throws IOException {
    String instance = launchTagged();
    if (isolation == null) {
      isolation = SeedingFunction.start("TagIsolationFunction", environment);
    }
    isolation.invoke(SampleEvents.aimedAt(FunctionBench.sample("tag-isolation/isolate-tag-applied.json"), instance));
    return instance;
  }

  SampleAccount account() {
    return account;
  }

  Ec2Client ec2() {
    return ec2;
  }

  String topicArn() {
    return topicArn;
  }

  String profileArn() {
    return profileArn;
  }

  @Override
  public void close() {
    clients.close();
    if (isolation != null) {
      isolation.close();
    }
  }
}
