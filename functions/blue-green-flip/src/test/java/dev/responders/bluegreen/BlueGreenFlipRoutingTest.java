package dev.responders.bluegreen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.responders.tools.RepositoryRoot;
import dev.responders.tools.account.SampleEvents;
import dev.responders.tools.template.EventPatternMatcher;
import dev.responders.tools.template.Template;
import dev.responders.tools.template.TemplateOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.responders.shared.aws.AccountScope;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The optional CodeDeploy rule in template.yaml, as deployed, against events/blue-green-flip/codedeploy: every
 * file under match/ must reach the function, every file under no-match/ must not.
 */
class BlueGreenFlipRoutingTest {

  private static final Path ROOT = RepositoryRoot.find();
  private static final TemplateOptions TRIGGER_ON = TemplateOptions.defaults().withParameters(Map.of(
      "BlueGreenCodeDeployApplication", "bluegreen-app", "BlueGreenCodeDeployDeploymentGroup", "bluegreen-fleet"));

  private static List<String> rulesOf(TemplateOptions options) {
    return Template.load(ROOT.resolve("template.yaml"), options).eventPatternsFor("BlueGreenFlipFunction");
  }

  private static EventPatternMatcher ruleOf(TemplateOptions options) {
    List<String> patterns = rulesOf(options);
    assertThat(patterns).as("rules routing to BlueGreenFlipFunction").hasSize(1);
    return EventPatternMatcher.of(patterns);
  }

  static Stream<String> matching() throws IOException {
    return files("codedeploy/match");
  }

  static Stream<String> nearMisses() throws IOException {
    return files("codedeploy/no-match");
  }

  private static Stream<String> files(String folder) throws IOException {
    try (Stream<Path> files = Files.list(SampleEvents.folder("blue-green-flip").resolve(folder))) {
      return files.map(f -> folder + "/" + f.getFileName()).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0} is routed")
  @MethodSource("matching")
  void aSuccessfulDeploymentOfTheConfiguredGroupInvokesTheFunction(String file) {
    assertThat(ruleOf(TRIGGER_ON).matches(SampleEvents.read("blue-green-flip", file))).isTrue();
  }

  @ParameterizedTest(name = "{0} is not routed")
  @MethodSource("nearMisses")
  void otherDeploymentsStatesAndInstanceEventsDoNotInvokeIt(String file) {
    assertThat(ruleOf(TRIGGER_ON).matches(SampleEvents.read("blue-green-flip", file))).isFalse();
  }

  @Test
  void theFoldersHoldBothKindsOfSample() throws IOException {
    assertThat(matching()).isNotEmpty();
    assertThat(nearMisses()).hasSizeGreaterThanOrEqualTo(4);
  }

  @Test
  void withoutAnApplicationAndGroupThereIsNoRuleAtAll() {
    assertThat(rulesOf(TemplateOptions.defaults())).isEmpty();
    assertThat(rulesOf(TemplateOptions.defaults().withParameter("BlueGreenCodeDeployApplication", "bluegreen-app")))
        .as("an application without a group").isEmpty();
  }

  @Test
  void theRuleFollowsTheApplicationAndGroupParameters() {
    EventPatternMatcher billing = ruleOf(TemplateOptions.defaults().withParameters(Map.of(
        "BlueGreenCodeDeployApplication", "billing-app", "BlueGreenCodeDeployDeploymentGroup", "bluegreen-fleet")));

    assertThat(billing.matches(SampleEvents.read("blue-green-flip", "codedeploy/no-match/other-application.json")))
        .isTrue();
    assertThat(billing.matches(SampleEvents.read("blue-green-flip", "codedeploy/match/deployment-succeeded.json")))
        .isFalse();
  }

  @Test
  void theFunctionIsToldTheSameParameterApplicationAndGroup() {
    Map<String, String> defaults = Template.load(ROOT.resolve("template.yaml"), TemplateOptions.defaults())
        .function("BlueGreenFlipFunction").environment();
    Map<String, String> configured = Template.load(ROOT.resolve("template.yaml"),
        TRIGGER_ON.withParameter("BlueGreenParameterName", "/bluegreen/myapp/live"))
        .function("BlueGreenFlipFunction").environment();

    assertThat(defaults).containsEntry("BLUEGREEN_PARAMETER_NAME", "/bluegreen/live")
        .containsEntry("BLUEGREEN_CODEDEPLOY_APPLICATION", "")
        .containsEntry("BLUEGREEN_CODEDEPLOY_DEPLOYMENT_GROUP", "");
    assertThat(BlueGreenConfig.fromEnvironment(inLambda(defaults)).codeDeployTrigger()).isFalse();
    assertThat(configured).containsEntry("BLUEGREEN_PARAMETER_NAME", "/bluegreen/myapp/live")
        .containsEntry("BLUEGREEN_CODEDEPLOY_APPLICATION", "bluegreen-app")
        .containsEntry("BLUEGREEN_CODEDEPLOY_DEPLOYMENT_GROUP", "bluegreen-fleet");
    assertThat(BlueGreenConfig.fromEnvironment(inLambda(configured))).isEqualTo(new BlueGreenConfig(
        "/bluegreen/myapp/live", "bluegreen-app", "bluegreen-fleet", new AccountScope("123456789012", "us-east-1")));
  }

  /** The environment with what Lambda adds to the template's variables. */
  private static Map<String, String> inLambda(Map<String, String> environment) {
    Map<String, String> withRegion = new HashMap<>(environment);
    withRegion.put("AWS_REGION", "us-east-1");
    return withRegion;
  }
}
