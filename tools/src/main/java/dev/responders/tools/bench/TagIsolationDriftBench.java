package dev.responders.tools.bench;

import dev.responders.tools.account.SampleAccount;
import dev.responders.tools.emulator.MotoServer;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.IpPermission;

/**
 * TagIsolationDriftFunction on CloudTrail's AuthorizeSecurityGroupIngress of SSH from anywhere on an isolation
 * group: each run finds the group of an instance TagIsolationFunction isolated just before (outside the timed
 * region) opened by someone, closes it again and re-contains the instance behind it.
 */
final class TagIsolationDriftBench implements FunctionBench {

  /** The group id the sample event names; replaced by the isolation group's. */
  private static final String SAMPLE_GROUP = "sg-0123456789abcdef0";

  private final IsolationAccount account = new IsolationAccount();
  private MotoServer moto;

  @Override
  public String logicalId() {
    return "TagIsolationDriftFunction";
  }

  @Override
  public List<String> events() {
    return List.of("tag-isolation/drift/match/rule-added-to-isolation-group.json");
  }

  @Override
  public String reference() {
    return "tag_isolation_drift.py";
  }

  @Override
  public String stateBetweenRuns() {
    return "re-seeded: a new instance per run, isolated by TagIsolationFunction (kept warm, outside the timed"
        + " region), then its isolation group opened to SSH from anywhere as the event says";
  }

  @Override
  public void seed(MotoServer moto) {
    this.moto = moto;
    account.seed();
  }

  @Override
  public Run prepare(String event) throws Exception {
    String instance = account.launchIsolated(moto.processEnvironment());
    String eni = account.account().interfacesOf(instance).get(0);
    String group = account.account().groupsOfInterface(eni).get(0);
    account.ec2().authorizeSecurityGroupIngress(r -> r.groupId(group).ipPermissions(IpPermission.builder()
        .ipProtocol("tcp").fromPort(22).toPort(22).ipRanges(b -> b.cidrIp("0.0.0.0/0")).build()));
    return new Run(FunctionBench.sample(event).replace(SAMPLE_GROUP, group), List.of("instance=" + instance,
        "group=" + group, "topic=" + account.topicArn(), "key=" + SampleAccount.RECORD_KEY_ALIAS,
        "profile=" + account.profileArn()));
  }

  @Override
  public void close() {
    account.close();
  }
}
