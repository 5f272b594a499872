package dev.responders.glue;

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
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The EventBridge rule in template.yaml, as deployed, against the sample events of events/glue-set-type-fixer:
 * every file of {@code match/} (and {@code malformed/}: well routed, refused by the function) is delivered, no file
 * of {@code no-match/} is.
 */
class GlueSetTypeFixerRoutingTest {

  private static final Path ROOT = RepositoryRoot.find();
  private static final String HANDLER = "glue-set-type-fixer";

  private static EventPatternMatcher ruleOf(TemplateOptions options) {
    List<String> patterns = Template.load(ROOT.resolve("template.yaml"), options)
        .eventPatternsFor("GlueSetTypeFixerFunction");
    assertThat(patterns).as("rules routing to GlueSetTypeFixerFunction").hasSize(1);
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
  void catalogChangesThatCanWriteSetTypesInvokeTheFunction(String file) {
    assertThat(ruleOf(TemplateOptions.defaults()).matches(SampleEvents.read(HANDLER, file))).isTrue();
  }

  @ParameterizedTest(name = "{0} is not routed")
  @MethodSource("noMatch")
  void deletionsCrawlerRunsAndOtherSourcesDoNotInvokeIt(String file) {
    assertThat(ruleOf(TemplateOptions.defaults()).matches(SampleEvents.read(HANDLER, file))).isFalse();
  }

  @Test
  void theFoldersHoldBothEventShapesAndTheirNearMisses() {
    assertThat(match()).contains("match/table-updated.json", "match/table-created.json",
        "match/partitions-created.json", "match/partition-updated.json");
    assertThat(noMatch()).hasSizeGreaterThanOrEqualTo(5);
    assertThat(files("malformed")).isNotEmpty();
  }

  @Test
  void configuredDatabasesAreFilteredInTheRule() {
    EventPatternMatcher rule = ruleOf(TemplateOptions.defaults().withParameters(
        Map.of("GlueDatabaseNames", "dynamodb_exports,analytics")));
    EventPatternMatcher elsewhere = ruleOf(TemplateOptions.defaults().withParameters(
        Map.of("GlueDatabaseNames", "analytics")));

    for (String file : match().filter(f -> f.startsWith("match/")).toList()) {
      assertThat(rule.matches(SampleEvents.read(HANDLER, file))).as(file).isTrue();
      assertThat(elsewhere.matches(SampleEvents.read(HANDLER, file))).as(file).isFalse();
    }
  }

  @Test
  void theFunctionIsToldTheSameDatabasesAsTheRule() {
    Map<String, String> environment = Template.load(ROOT.resolve("template.yaml"),
        TemplateOptions.defaults().withParameters(Map.of("GlueDatabaseNames", "dynamodb_exports,analytics")))
        .function("GlueSetTypeFixerFunction").environment();
    assertThat(environment).containsEntry("GLUE_DATABASE_NAMES", "dynamodb_exports,analytics");
    assertThat(GlueFixerConfig.fromEnvironment(Map.of("GLUE_DATABASE_NAMES", environment.get("GLUE_DATABASE_NAMES"),
        "RESPONDERS_ACCOUNT_ID", "123456789012", "AWS_REGION", "us-east-1")).databases())
        .containsExactlyInAnyOrder("dynamodb_exports", "analytics");
  }
}
