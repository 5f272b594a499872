package dev.responders.iamguard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.responders.tools.RepositoryRoot;
import dev.responders.tools.account.SampleEvents;
import dev.responders.tools.template.EventPatternMatcher;
import dev.responders.tools.template.Template;
import dev.responders.tools.template.TemplateOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rule in template.yaml against events/iam-policy-guard: every file of {@code match/} (and {@code malformed/}:
 * routed, refused by the function) is delivered; no file of {@code no-match/} is.
 */
class IamPolicyGuardRoutingTest {

  private static final String HANDLER = "iam-policy-guard";

  private static EventPatternMatcher rule() {
    List<String> patterns = Template.load(RepositoryRoot.find().resolve("template.yaml"), TemplateOptions.defaults())
        .eventPatternsFor("IamPolicyGuardFunction");
    assertThat(patterns).as("rules routing to IamPolicyGuardFunction").hasSize(1);
    return EventPatternMatcher.of(patterns);
  }

  static Stream<String> match() {
    return Stream.concat(files("match"), files("malformed"));
  }

  static Stream<String> noMatch() {
    return files("no-match");
  }

  private static Stream<String> files(String folder) {
    try (Stream<Path> files = Files.list(SampleEvents.folder(HANDLER).resolve(folder))) {
      return files.map(f -> folder + "/" + f.getFileName()).sorted().toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0} is routed")
  @MethodSource("match")
  void callsThatChangeWhatAPolicyGrantsInvokeTheGuard(String file) {
    assertThat(rule().matches(SampleEvents.read(HANDLER, file))).isTrue();
  }

  @ParameterizedTest(name = "{0} is not routed")
  @MethodSource("noMatch")
  void failedCallsNonDefaultVersionsAndOtherCallsDoNot(String file) {
    assertThat(rule().matches(SampleEvents.read(HANDLER, file))).isFalse();
  }

  @Test
  void theFoldersHoldTheThreeCallsAndTheirNearMisses() {
    assertThat(match()).contains("match/create-policy.json", "match/create-policy-version-as-default.json",
        "match/set-default-policy-version.json");
    assertThat(noMatch()).hasSizeGreaterThanOrEqualTo(5);
  }
}
