package dev.responders.tools.bench;

import dev.responders.tools.account.NotificationInbox;
import dev.responders.tools.account.SampleAccount;
import dev.responders.tools.account.SampleEvents;
import dev.responders.tools.emulator.MotoServer;
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
 * TagIsolationFunction on the applied isolation tag: each run isolates a fresh instance in a VPC of its own, so
 * every run takes the full path (the isolation group is created, not found), as the demo's chapter seeds it.
 */
final class TagIsolationBench implements FunctionBench {

  private final SeedClients clients = new SeedClients();
  private SampleAccount account;
  private String topicArn;
  private String profileArn;
  private int vpcs;

  @Override
  public String logicalId() {
    return "TagIsolationFunction";
  }

  @Override
  public List<String> events() {
    return List.of("tag-isolation/isolate-tag-applied.json");
  }

  @Override
  public String reference() {
    return "tag_isolation.py";
  }

  @Override
  public String stateBetweenRuns() {
    return "re-seeded: a new VPC, subnet and tagged instance per run (the isolation group is created each time)";
  }

  @Override
  public void seed(MotoServer moto) {
    account = new SampleAccount(clients.open(Ec2Client.create()),
        clients.open(IamClient.builder().region(Region.AWS_GLOBAL).build()), clients.open(AutoScalingClient.create()));
    SampleAccount.createRecordKey(clients.open(KmsClient.create()));
    SnsClient sns = clients.open(SnsClient.create());
    SqsClient sqs = clients.open(SqsClient.create());
    // The responders' topic as template.yaml names it locally: an isolation whose notification cannot be sent fails.
    topicArn = NotificationInbox.create(sns, sqs, "ResponderNotificationsTopic").topicArn();
    profileArn = account.createIsolationProfile();
  }

  @Override
  public Run prepare(String event) {
    vpcs++;
    String vpc = account.createVpc("10." + (vpcs % 250) + ".0.0/16");
    String subnet = account.createSubnet(vpc, "10." + (vpcs % 250) + ".1.0/24");
    String instance = account.launch(subnet, List.of(List.of()), Map.of("SecurityResponse", "isolate"));
    return new Run(SampleEvents.aimedAt(FunctionBench.sample(event), instance),
        List.of("instance=" + instance, "topic=" + topicArn, "key=" + SampleAccount.RECORD_KEY_ALIAS,
            "profile=" + profileArn));
  }

  @Override
  public void close() {
    clients.close();
  }
}
