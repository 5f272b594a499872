package dev.responders.tools.bench;

import dev.responders.tools.account.SampleAccount;
import dev.responders.tools.account.SampleEvents;
import dev.responders.tools.emulator.MotoServer;
import java.util.List;
import java.util.Map;

/**
 * TagReleaseFunction on the isolation tag set to release, as in the demo: each run releases a fresh instance that
 * TagIsolationFunction isolated just before (outside the timed region), so each run restores a sealed record.
 */
final class TagReleaseBench implements FunctionBench {

  private final IsolationAccount account = new IsolationAccount();
  private MotoServer moto;

  @Override
  public String logicalId() {
    return "TagReleaseFunction";
  }

  @Override
  public List<String> events() {
    return List.of("tag-isolation/release-tag-applied.json");
  }

  @Override
  public String reference() {
    return "tag_release.py";
  }

  @Override
  public String stateBetweenRuns() {
    return "re-seeded: a new instance per run, isolated by TagIsolationFunction (kept warm, outside the timed"
        + " region) and then tagged SecurityResponse=release";
  }

  @Override
  public void seed(MotoServer moto) {
    this.moto = moto;
    account.seed();
  }

  @Override
  public Run prepare(String event) throws Exception {
    String instance = account.launchIsolated(moto.processEnvironment());
    account.account().tag(instance, Map.of("SecurityResponse", "release"));
    return new Run(SampleEvents.aimedAt(FunctionBench.sample(event), instance),
        List.of("instance=" + instance, "topic=" + account.topicArn(), "key=" + SampleAccount.RECORD_KEY_ALIAS));
  }

  @Override
  public void close() {
    account.close();
  }
}
