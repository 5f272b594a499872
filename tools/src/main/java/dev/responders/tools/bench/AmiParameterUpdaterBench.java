package dev.responders.tools.bench;

import dev.responders.tools.account.NotificationInbox;
import dev.responders.tools.emulator.MotoServer;
import java.util.List;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * AmiParameterUpdaterFunction on Image Builder's SNS message of an image distributed to two regions: each run
 * writes the image's parameter in both regions from none, as on the demo's first delivery.
 */
final class AmiParameterUpdaterBench implements FunctionBench {

  static final String PARAMETER = "/ec2-imagebuilder/web-server/latest";
  private static final List<String> REGIONS = List.of("us-east-1", "us-west-2");

  private final SeedClients clients = new SeedClients();
  private List<SsmClient> ssm;

  @Override
  public String logicalId() {
    return "AmiParameterUpdaterFunction";
  }

  @Override
  public List<String> events() {
    return List.of("ami-parameter-updater/sns/image-available.json");
  }

  @Override
  public String reference() {
    return "ami_parameter_updater.py";
  }

  @Override
  public String stateBetweenRuns() {
    return "re-seeded: the image's parameter is deleted in both regions before each run, so each run creates it";
  }

  @Override
  public void seed(MotoServer moto) {
    // The topic the function notifies on a failed or held write, as the demo creates it.
    NotificationInbox.create(clients.open(SnsClient.create()), clients.open(SqsClient.create()),
        "ResponderNotificationsTopic");
    ssm = REGIONS.stream().map(region -> clients.open(SsmClient.builder().region(Region.of(region)).build())).toList();
  }

  @Override
  public Run prepare(String event) {
    for (SsmClient regional : ssm) {
      try {
        regional.deleteParameter(r -> r.name(PARAMETER));
      } catch (ParameterNotFoundException firstRun) {
        // nothing to delete
      }
    }
    return new Run(FunctionBench.sample(event), List.of("event=" + FunctionBench.sampleFile(event)));
  }

  @Override
  public void close() {
    clients.close();
  }
}
