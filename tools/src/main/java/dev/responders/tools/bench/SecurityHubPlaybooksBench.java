package dev.responders.tools.bench;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.responders.tools.account.NotificationInbox;
import dev.responders.tools.account.PlaybookTargets;
import dev.responders.tools.emulator.MotoServer;
import dev.responders.tools.emulator.SecurityHubDouble;
import dev.responders.tools.emulator.WireMockPeer;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * SecurityHubPlaybooksFunction on the custom action Remediate: the consolidated IAM.7 finding on the account's weak
 * password policy, and CIS 1.2.0 4.1 on a group open to SSH from anywhere, as the demo seeds them. Security Hub's
 * BatchUpdateFindings goes to a WireMock peer (moto has none), as in the demo.
 */
final class SecurityHubPlaybooksBench implements FunctionBench {

  static final String PASSWORD_POLICY = "securityhub-playbooks/match/custom-action-consolidated.json";
  static final String SSH_OPEN = "securityhub-playbooks/match/custom-action-cis-1.2.0-ssh-open.json";

  private final SeedClients clients = new SeedClients();
  private WireMockServer securityHub;
  private IamClient iam;
  private Ec2Client ec2;
  private String topicArn;
  private int groups;

  @Override
  public String logicalId() {
    return "SecurityHubPlaybooksFunction";
  }

  @Override
  public List<String> events() {
    return List.of(PASSWORD_POLICY, SSH_OPEN);
  }

  @Override
  public String reference() {
    return "securityhub_playbooks.py";
  }

  @Override
  public String stateBetweenRuns() {
    return "re-seeded: the weak password policy is set again before each IAM.7 run; each CIS 4.1 run gets a new"
        + " VPC and group open to SSH (Security Hub is a WireMock peer that takes every finding update)";
  }

  @Override
  public void seed(MotoServer moto) {
    if (securityHub == null) {
      securityHub = WireMockPeer.startLocal();
      new SecurityHubDouble(securityHub).takesFindingUpdates();
    }
    iam = clients.open(IamClient.builder().region(Region.AWS_GLOBAL).build());
    ec2 = clients.open(Ec2Client.create());
    topicArn = NotificationInbox.create(clients.open(SnsClient.create()), clients.open(SqsClient.create()),
        "ResponderNotificationsTopic").topicArn();
  }

  @Override
  public Map<String, String> environment() {
    return Map.of("AWS_ENDPOINT_URL_SECURITYHUB", new SecurityHubDouble(securityHub).endpoint());
  }

  @Override
  public Run prepare(String event) {
    securityHub.resetRequests();  // WireMock keeps every request it saw: 200 warm runs would pile them up
    if (event.equals(PASSWORD_POLICY)) {
      PlaybookTargets.weakPasswordPolicy(iam);
      return new Run(FunctionBench.sample(event), List.of("playbook=password-policy", "topic=" + topicArn,
          "event=" + FunctionBench.sampleFile(event)));
    }
    groups++;
    String group = PlaybookTargets.groupOpenToSsh(ec2, "10." + (groups % 250) + ".0.0/16");
    return new Run(PlaybookTargets.sshFindingOn(group), List.of("playbook=ssh-open", "group=" + group,
        "topic=" + topicArn, "event=" + FunctionBench.sampleFile(event)));
  }

  @Override
  public void close() {
    clients.close();
    if (securityHub != null) {
      securityHub.stop();
    }
  }
}
