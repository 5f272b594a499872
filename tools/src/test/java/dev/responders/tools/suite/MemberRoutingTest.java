package dev.responders.tools.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.responders.tools.account.SampleEvents;
import dev.responders.tools.template.EventPatternMatcher;
import dev.responders.tools.template.EventRule;
import dev.responders.tools.template.Template;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Organization mode end to end, with event-ruler against events/: a member account's rule forwards the sample to the
 * central bus (EventBridge delivers it unchanged, its account and region kept), where the function's rule takes it;
 * a near-miss never leaves the member account.
 */
class MemberRoutingTest {

  private static final Template MEMBER_US_EAST_1 = MemberTemplateTest.member("us-east-1", Map.of());
  private static final Template MEMBER_EU_WEST_1 = MemberTemplateTest.member("eu-west-1", Map.of());
  private static final Template CENTRAL = MemberTemplateTest.central(Map.of());

  /** Folder of events/, the function its match/ samples are for. */
  private static final Map<String, String> FOLDERS = Map.of(
      "ami-parameter-updater/eventbridge", "AmiParameterUpdaterFunction",
      "glue-set-type-fixer", "GlueSetTypeFixerFunction",
      "iam-policy-guard", "IamPolicyGuardFunction",
      "tag-isolation/drift", "TagIsolationDriftFunction");

  static Stream<Arguments> forwardedSamples() {
    Stream<Arguments> tags = Stream.of(
        Arguments.of("tag-isolation", "isolate-tag-applied.json", "TagIsolationFunction"),
        Arguments.of("tag-isolation", "release-tag-applied.json", "TagReleaseFunction"));
    return Stream.concat(tags, FOLDERS.entrySet().stream()
        .flatMap(folder -> files(folder.getKey() + "/match").map(file ->
            Arguments.of(folder.getKey(), "match/" + file, folder.getValue()))));
  }

  static Stream<Arguments> nearMisses() {
    Stream<Arguments> tags = Stream.of("tag-removed.json", "other-tag-changed.json",
            "other-tag-changed-while-isolated.json", "wrong-value.json", "volume-resource.json", "other-service.json",
            "release-status-tag-written.json", "release-value-on-other-key.json")
        .map(file -> Arguments.of("tag-isolation", file));
    Stream<Arguments> folders = FOLDERS.keySet().stream()
        .flatMap(folder -> files(folder + "/no-match").map(file -> Arguments.of(folder, "no-match/" + file)));
    // Security Hub's findings reach the administrator (the central account) aggregated: members forward none.
    Stream<Arguments> findings = files("securityhub-playbooks/match")
        .map(file -> Arguments.of("securityhub-playbooks", "match/" + file));
    return Stream.of(tags, folders, findings).flatMap(s -> s);
  }

  @ParameterizedTest(name = "{0}/{1} -> {2}")
  @MethodSource("forwardedSamples")
  void aMemberForwardsTheEventAndTheCentralBusRoutesItToTheFunction(String folder, String file, String function) {
    String event = SampleEvents.read(folder, file);

    assertThat(matcher(MEMBER_US_EAST_1.eventRules()).matches(event)).as("forwarded by the member").isTrue();
    List<EventRule> central = CENTRAL.eventRulesFor(function);
    assertThat(central).extracting(EventRule::eventBusName).containsOnly(OrganizationModeTest.CENTRAL_BUS);
    assertThat(matcher(central).matches(event)).as("routed on the central bus to " + function).isTrue();
  }

  @ParameterizedTest(name = "{0}/{1}")
  @MethodSource("nearMisses")
  void aNearMissNeverLeavesTheMemberAccount(String folder, String file) {
    String event = SampleEvents.read(folder, file);

    assertThat(matcher(MEMBER_US_EAST_1.eventRules()).matches(event)).isFalse();
    assertThat(matcher(MEMBER_EU_WEST_1.eventRules()).matches(event)).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("iamPolicyChanges")
  void iamPolicyChangesAreForwardedFromUsEast1OnlyWhereIamsEventsArrive(String file) {
    String event = SampleEvents.read("iam-policy-guard", file);

    assertThat(matcher(MEMBER_US_EAST_1.eventRules()).matches(event)).isTrue();
    assertThat(matcher(MEMBER_EU_WEST_1.eventRules()).matches(event)).isFalse();
  }

  static Stream<String> iamPolicyChanges() {
    return files("iam-policy-guard/match").map(file -> "match/" + file);
  }

  private static EventPatternMatcher matcher(List<EventRule> rules) {
    assertThat(rules).isNotEmpty();
    return EventPatternMatcher.of(rules.stream().map(EventRule::pattern).toList());
  }

  private static Stream<String> files(String folder) {
    Path path = SampleEvents.folder(folder);
    try (Stream<Path> files = Files.list(path)) {
      List<String> names = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted()
          .toList();
      assertThat(names).as("samples in events/" + folder).isNotEmpty();
      return names.stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
