package dev.responders.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responders.tools.RepositoryRoot;
import dev.responders.tools.account.SampleEvents;
import dev.responders.tools.template.EventPatternMatcher;
import dev.responders.tools.template.Template;
import dev.responders.tools.template.TemplateOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The EventBridge rule in template.yaml, as deployed, against the sample events of events/tag-isolation. */
class TagIsolationRoutingTest {

  private static final Path ROOT = RepositoryRoot.find();
  private static final TemplateOptions DEFAULTS = TemplateOptions.defaults();

  private static EventPatternMatcher ruleOf(TemplateOptions options) {
    return ruleOf(options, "TagIsolationFunction");
  }

  private static EventPatternMatcher releaseRule() {
    return ruleOf(DEFAULTS, "TagReleaseFunction");
  }

  private static EventPatternMatcher ruleOf(TemplateOptions options, String function) {
    List<String> patterns = Template.load(ROOT.resolve("template.yaml"), options).eventPatternsFor(function);
    assertThat(patterns).as("rules routing to " + function).hasSize(1);
    return EventPatternMatcher.of(patterns);
  }

  private static String event(String file) {
    return SampleEvents.read("tag-isolation", file);
  }

  @Test
  void aResponderTaggingAnInstanceForIsolationInvokesTheFunction() throws IOException {
    assertThat(ruleOf(DEFAULTS).matches(event("isolate-tag-applied.json"))).isTrue();
  }

  @ParameterizedTest(name = "{0} is not routed")
  @ValueSource(strings = {
      "tag-removed.json",
      "other-tag-changed.json",
      "other-tag-changed-while-isolated.json",
      "wrong-value.json",
      "volume-resource.json",
      "other-service.json",
      "release-tag-applied.json",
      "release-status-tag-written.json",
      "release-value-on-other-key.json"})
  void tagChangesThatAreNotAnIsolationRequestDoNotInvokeIt(String file) throws IOException {
    assertThat(ruleOf(DEFAULTS).matches(event(file))).isFalse();
  }

  @Test
  void aResponderTaggingAnInstanceForReleaseInvokesTheReleaseFunctionOnly() throws IOException {
    assertThat(releaseRule().matches(event("release-tag-applied.json"))).isTrue();
    assertThat(ruleOf(DEFAULTS).matches(event("release-tag-applied.json"))).isFalse();
  }

  @ParameterizedTest(name = "{0} is not routed to the release")
  @ValueSource(strings = {
      "release-status-tag-written.json",
      "release-value-on-other-key.json",
      "isolate-tag-applied.json",
      "tag-removed.json",
      "other-tag-changed-while-isolated.json",
      "wrong-value.json",
      "volume-resource.json",
      "other-service.json"})
  void tagChangesThatAreNotAReleaseRequestDoNotInvokeTheRelease(String file) throws IOException {
    assertThat(releaseRule().matches(event(file))).isFalse();
  }

  @Test
  void theReleaseRuleFollowsTheReleaseValueParameter() throws IOException {
    EventPatternMatcher rule = ruleOf(DEFAULTS.withParameters(Map.of("ReleaseTagValue", "free")),
        "TagReleaseFunction");
    String free = event("release-tag-applied.json").replace("\"SecurityResponse\": \"release\"",
        "\"SecurityResponse\": \"free\"");

    assertThat(rule.matches(free)).isTrue();
    assertThat(rule.matches(event("release-tag-applied.json"))).isFalse();
  }

  @Test
  void bothFunctionsAreToldTheSameReleaseValueAsTheRule() {
    TemplateOptions free = DEFAULTS.withParameters(Map.of("ReleaseTagValue", "free"));
    Template template = Template.load(ROOT.resolve("template.yaml"), free);

    assertThat(template.function("TagReleaseFunction").environment())
        .containsEntry("ISOLATION_RELEASE_TAG_VALUE", "free").containsEntry("ISOLATION_TAG_VALUE", "isolate");
    assertThat(template.function("TagIsolationFunction").environment())
        .containsEntry("ISOLATION_RELEASE_TAG_VALUE", "free");
  }

  @Test
  void everySampleEventIsCoveredByTheseTests() throws IOException {
    try (var files = Files.list(SampleEvents.folder("tag-isolation"))) {
      // drift/ holds the drift rule's events, covered by TagIsolationDriftRoutingTest.
      assertThat(files.filter(Files::isRegularFile).map(path -> path.getFileName().toString())).containsExactlyInAnyOrder(
          "isolate-tag-applied.json", "tag-removed.json", "other-tag-changed.json",
          "other-tag-changed-while-isolated.json", "wrong-value.json", "volume-resource.json", "other-service.json",
          "release-tag-applied.json", "release-status-tag-written.json", "release-value-on-other-key.json");
    }
  }

  @Test
  void theRuleFollowsTheTagKeyAndValueParameters() throws IOException {
    TemplateOptions quarantine = DEFAULTS.withParameters(
        Map.of("IsolationTagKey", "Quarantine", "IsolationTagValue", "yes"));
    EventPatternMatcher rule = ruleOf(quarantine);

    assertThat(rule.matches(quarantineEvent())).isTrue();
    assertThat(rule.matches(event("isolate-tag-applied.json"))).isFalse();
    assertThat(ruleOf(DEFAULTS).matches(quarantineEvent())).isFalse();
  }

  @Test
  void theFunctionIsToldTheSameKeyAndValueAsTheRule() {
    TemplateOptions quarantine = DEFAULTS.withParameters(
        Map.of("IsolationTagKey", "Quarantine", "IsolationTagValue", "yes"));
    Map<String, String> environment = Template.load(ROOT.resolve("template.yaml"), quarantine)
        .function("TagIsolationFunction").environment();

    assertThat(environment)
        .containsEntry("ISOLATION_TAG_KEY", "Quarantine")
        .containsEntry("ISOLATION_TAG_VALUE", "yes")
        .containsEntry("ISOLATION_STATUS_TAG_KEY", "QuarantineStatus")
        .containsEntry("ISOLATION_INSTANCE_PROFILE_NAME", "responders-isolation-" + DEFAULTS.region())
        .containsEntry("ISOLATION_STATE_PARAMETER_PREFIX", "/responders/isolation");
  }

  /** The must-match sample with the responder's tag renamed to Quarantine=yes. */
  private static String quarantineEvent() throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode event = (ObjectNode) json.readTree(event("isolate-tag-applied.json"));
    ObjectNode detail = (ObjectNode) event.get("detail");
    detail.putArray("changed-tag-keys").add("Quarantine");
    ObjectNode tags = (ObjectNode) detail.get("tags");
    tags.remove("SecurityResponse");
    tags.put("Quarantine", "yes");
    return json.writeValueAsString(event);
  }
}
