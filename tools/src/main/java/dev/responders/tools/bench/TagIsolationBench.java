package dev.responders.tools.bench;

import dev.responders.tools.account.SampleAccount;
import dev.responders.tools.account.SampleEvents;
import dev.responders.tools.emulator.MotoServer;
import java.util.List;

/**
 * TagIsolationFunction on the applied isolation tag: each run isolates a fresh instance in a VPC of its own, so
 * every run takes the full path (the isolation group is created, not found), as the demo's chapter seeds it.
 */
final class TagIsolationBench implements FunctionBench {

  private final IsolationAccount account = new IsolationAccount();

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
    account.seed();
  }

  @Override
  public Run prepare(String event) {
    String instance = account.launchTagged();
    return new Run(SampleEvents.aimedAt(FunctionBench.sample(event), instance),
        List.of("instance=" + instance, "topic=" + account.topicArn(), "key=" + SampleAccount.RECORD_KEY_ALIAS,
            "profile=" + account.profileArn()));
  }

  @Override
  public void close() {
    account.close();
  }
}
