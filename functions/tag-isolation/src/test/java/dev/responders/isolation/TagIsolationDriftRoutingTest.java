package dev.responders.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.responders.tools.RepositoryRoot;
import dev.responders.tools.account.SampleEvents;
import dev.responders.tools.template.EventPatternMatcher;
import dev.responders.tools.template.Template;
import dev.responders.tools.template.TemplateOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The drift rule in template.yaml, as deployed, against events/tag-isolation/drift/{match,no-match}. */
class TagIsolationDriftRoutingTest {

  private static final Path ROOT = RepositoryRoot.find();
  private static final Path DRIFT = SampleEvents.folder("tag-isolation").resolve("drift");

  private static EventPatternMatcher rule(String function) {
    List<String> patterns = Template.load(ROOT.resolve("template.yaml"), TemplateOptions.defaults())
        .eventPatternsFor(function);
    return EventPatternMatcher.of(patterns);
  }

  static Stream<String> match() throws IOException {
    return files("match");
  }

  static Stream<String> noMatch() throws IOException {
    return files("no-match");
  }

  private static Stream<String> files(String folder) throws IOException {
    try (var files = Files.list(DRIFT.resolve(folder))) {
      return files.map(p -> folder + "/" + p.getFileName()).sorted().toList().stream();
    }
  }

  private static String event(String file) throws IOException {
    return Files.readString(DRIFT.resolve(file));
  }

  @ParameterizedTest(name = "{0} is routed to the drift function")
  @MethodSource("match")
  void aCallThatMayReopenAnIsolatedInstanceInvokesTheDriftFunctionOnly(String file) throws IOException {
    assertThat(rule("TagIsolationDriftFunction").matches(event(file))).isTrue();
    assertThat(rule("TagIsolationFunction").matches(event(file))).isFalse();
    assertThat(rule("TagReleaseFunction").matches(event(file))).isFalse();
  }

  @ParameterizedTest(name = "{0} is not routed")
  @MethodSource("noMatch")
  void nearMissesDoNotInvokeIt(String file) throws IOException {
    assertThat(rule("TagIsolationDriftFunction").matches(event(file))).isFalse();
  }

  @Test
  void everyWatchedCallHasAMatchingSampleAndTheFoldersHoldBothKinds() throws IOException {
    List<String> names = match().map(f -> {
      try {
        return event(f).replaceAll("(?s).*\"eventName\": \"([A-Za-z]+)\".*", "$1");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
    assertThat(names).containsAll(ApiCallEvent.WATCHED);
    assertThat(noMatch()).hasSizeGreaterThanOrEqualTo(5);
  }

  @Test
  void theDriftFunctionKnowsTheSuitesRolesAndRunsWithTheIsolatingRole() {
    Template template = Template.load(ROOT.resolve("template.yaml"), TemplateOptions.defaults());
    assertThat(template.function("TagIsolationDriftFunction").environment())
        .containsKey("ISOLATION_SUITE_ROLE_ARNS")
        .containsEntry("ISOLATION_TAG_VALUE", "isolate");
    assertThat(template.resourceProperties("TagIsolationDriftFunction").get("Role"))
        .isEqualTo(java.util.Map.of("Fn::GetAtt", List.of("TagIsolationFunctionRole", "Arn")));
  }
}
