package dev.responders.securityhub;

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
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules in template.yaml, as deployed, against events/securityhub-playbooks: every file under match/ invokes
 * the function, none under no-match/ does (the folders drive the cases).
 */
class SecurityHubPlaybooksRoutingTest {

  private static final Path ROOT = RepositoryRoot.find();
  private static final TemplateOptions AUTOMATIC = TemplateOptions.defaults()
      .withParameters(Map.of("AutoRemediateControls", "KMS.4,CloudTrail.4"));

  private static EventPatternMatcher rules(TemplateOptions options) {
    return EventPatternMatcher.of(Template.load(ROOT.resolve("template.yaml"), options)
        .eventPatternsFor("SecurityHubPlaybooksFunction"));
  }

  static Stream<String> match() throws IOException {
    return files("match");
  }

  static Stream<String> noMatch() throws IOException {
    return files("no-match");
  }

  private static Stream<String> files(String folder) throws IOException {
    try (Stream<Path> files = Files.list(SampleEvents.folder("securityhub-playbooks").resolve(folder))) {
      return files.map(f -> folder + "/" + f.getFileName()).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0} is routed")
  @MethodSource("match")
  void everyMatchSampleInvokesTheFunction(String file) {
    assertThat(rules(AUTOMATIC).matches(PlaybooksScenario.sample(file))).isTrue();
  }

  @ParameterizedTest(name = "{0} is not routed")
  @MethodSource("noMatch")
  void noNearMissInvokesIt(String file) {
    assertThat(rules(AUTOMATIC).matches(PlaybooksScenario.sample(file))).isFalse();
  }

  @Test
  void withoutAutoRemediateControlsOnlyTheCustomActionIsRouted() {
    List<String> patterns = Template.load(ROOT.resolve("template.yaml"), TemplateOptions.defaults())
        .eventPatternsFor("SecurityHubPlaybooksFunction");

    assertThat(patterns).as("only the custom action rule").hasSize(1);
    EventPatternMatcher rule = EventPatternMatcher.of(patterns);
    assertThat(rule.matches(PlaybooksScenario.sample("match/imported-failed-new.json"))).isFalse();
    assertThat(rule.matches(PlaybooksScenario.sample("match/custom-action-fsbp.json"))).isTrue();
  }

  @Test
  void automaticModeRoutesOnlyTheListedControls() {
    EventPatternMatcher iamOnly = rules(TemplateOptions.defaults().withParameter("AutoRemediateControls", "IAM.7"));

    assertThat(iamOnly.matches(PlaybooksScenario.sample("no-match/imported-control-not-listed.json"))).isTrue();
    assertThat(iamOnly.matches(PlaybooksScenario.sample("match/imported-failed-new.json"))).isFalse();
  }

  @Test
  void theFunctionIsToldTheActionAndParametersTheTemplateDeploys() {
    Map<String, String> environment = Template.load(ROOT.resolve("template.yaml"), AUTOMATIC.withParameters(Map.of(
        "AutoRemediateControls", "KMS.4,CloudTrail.4", "DryRun", "true",
        "CloudTrailLogsRoleArn", "arn:aws:iam::123456789012:role/trail-logs"))).function(
        "SecurityHubPlaybooksFunction").environment();

    assertThat(environment)
        .containsEntry("REMEDIATE_ACTION_ID", "Remediate")
        .containsEntry("AUTO_REMEDIATE_CONTROLS", "KMS.4,CloudTrail.4")
        .containsEntry("DRY_RUN", "true")
        .containsEntry("EXEMPT_TAG_KEY", "responders:exempt")
        .containsEntry("MEMBER_ROLE_NAME", "responders-remediation")
        .containsEntry("CLOUDTRAIL_LOGS_ROLE_ARN", "arn:aws:iam::123456789012:role/trail-logs")
        .containsEntry("ACCESS_LOG_BUCKET_NAME", "")
        .containsEntry("JIRA_ACTION_ID", "SendToJira")
        .containsEntry("PATCH_ACTION_ID", "PatchInstance")
        .containsEntry("VPC_FLOW_LOGS_ROLE_ARN", "")
        .containsEntry("JIRA_SECRET_NAME", "responders/jira")
        .containsEntry("JIRA_PROJECT_KEY", "");
    assertThat(PlaybooksConfig.fromEnvironment(withRuntime(environment)).autoRemediateControls())
        .containsExactlyInAnyOrder("KMS.4", "CloudTrail.4");
  }

  @ParameterizedTest(name = "{0} fits Security Hub's limits and is the id the function is told")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"RemediateActionTarget", "SendToJiraActionTarget",
      "PatchInstanceActionTarget"})
  void eachCustomActionIdFitsSecurityHubsLimits(String resource) {
    Template template = Template.load(ROOT.resolve("template.yaml"), TemplateOptions.defaults());
    Map<String, Object> action = template.resourceProperties(resource);

    assertThat((String) action.get("Id")).hasSizeLessThanOrEqualTo(20).matches("[A-Za-z0-9]+");
    assertThat((String) action.get("Name")).hasSizeLessThanOrEqualTo(20);
    assertThat(((String) action.get("Description")).strip()).hasSizeLessThanOrEqualTo(256);
    assertThat(template.function("SecurityHubPlaybooksFunction").environment()).containsValue((String) action.get("Id"));
  }

  @Test
  void eachActionIsRoutedByItsOwnArnAndAnotherActionOfTheAccountIsNot() {
    EventPatternMatcher rule = rules(TemplateOptions.defaults());

    assertThat(rule.matches(PlaybooksScenario.sample("match/custom-action-send-to-jira.json"))).isTrue();
    assertThat(rule.matches(PlaybooksScenario.sample("match/custom-action-patch-instance.json"))).isTrue();
    assertThat(rule.matches(PlaybooksScenario.sample("match/custom-action-cis-1.2.0-ssh-open.json"))).isTrue();
    assertThat(rule.matches(PlaybooksScenario.sample("no-match/custom-action-other-action.json"))).isFalse();
    assertThat(rule.matches(PlaybooksScenario.sample("match/custom-action-send-to-jira.json")
        .replace("action/custom/SendToJira", "action/custom/SendToJir"))).as("a prefix of the id").isFalse();
  }

  private static Map<String, String> withRuntime(Map<String, String> environment) {
    Map<String, String> all = new java.util.HashMap<>(environment);
    all.put("AWS_REGION", "us-east-1");
    all.put("RESPONDERS_ACCOUNT_ID", "123456789012");
    return all;
  }
}
