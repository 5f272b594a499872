package dev.responders.zendesk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.responders.tools.RepositoryRoot;
import dev.responders.tools.account.SampleEvents;
import dev.responders.tools.template.EventPatternMatcher;
import dev.responders.tools.template.Template;
import dev.responders.tools.template.TemplateOptions;
import dev.responders.tools.template.TemplateReader;
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
 * The rule in template.yaml, as deployed with a Zendesk partner bus named, against the sample events: the folder
 * {@code match/} must be routed, {@code no-match/} must not. A missing tag is routed on purpose (the rule cannot
 * say AND; the function checks it) and lives in {@code match/}.
 */
class ZendeskArticlePublisherRoutingTest {

  private static final Path ROOT = RepositoryRoot.find();
  private static final String BUS = "aws.partner/zendesk.com/9242270/default";
  private static final TemplateOptions WITH_BUS = TemplateOptions.defaults().withParameter("ZendeskEventBusName", BUS);
  private static final String FOLDER = "zendesk-article-publisher";

  private static EventPatternMatcher rule() {
    List<String> patterns = Template.load(ROOT.resolve("template.yaml"), WITH_BUS)
        .eventPatternsFor("ZendeskArticlePublisherFunction");
    assertThat(patterns).as("rules routing to ZendeskArticlePublisherFunction").hasSize(1);
    return EventPatternMatcher.of(patterns);
  }

  static Stream<String> mustMatch() throws IOException {
    return samples("match");
  }

  static Stream<String> mustNotMatch() throws IOException {
    return samples("no-match");
  }

  @ParameterizedTest(name = "{0} is routed")
  @MethodSource("mustMatch")
  void publicAgentCommentsOnSolvedTicketsInvokeTheFunction(String sample) {
    assertThat(rule().matches(SampleEvents.read(FOLDER, sample))).isTrue();
  }

  @ParameterizedTest(name = "{0} is not routed")
  @MethodSource("mustNotMatch")
  void otherZendeskEventsDoNotInvokeIt(String sample) {
    assertThat(rule().matches(SampleEvents.read(FOLDER, sample))).isFalse();
  }

  @Test
  void theFoldersHoldTheCasesTheseTestsAreAbout() throws IOException {
    assertThat(mustMatch()).contains("match/agent-answer-on-solved-ticket.json", "match/guide-tag-missing.json");
    assertThat(mustNotMatch()).contains("no-match/private-note.json", "no-match/ticket-not-solved.json",
        "no-match/requester-comment.json", "no-match/status-changed.json", "no-match/other-partner.json");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theRuleListensOnTheBusTheParameterNames() {
    Map<String, Object> resources = (Map<String, Object>) TemplateReader.read(ROOT.resolve("template.yaml"))
        .get("Resources");
    Map<String, Object> rule = (Map<String, Object>) resources.get("ZendeskArticlePublisherRule");
    Map<String, Object> properties = (Map<String, Object>) rule.get("Properties");

    assertThat(properties.get("EventBusName")).isEqualTo(Map.of("Ref", "ZendeskEventBusName"));
    assertThat(rule.get("Condition")).isEqualTo("HasZendeskEventBus");
  }

  @Test
  void withoutAPartnerBusThereIsNoRuleAndTheWebhookIsTheOnlyInput() {
    Template template = Template.load(ROOT.resolve("template.yaml"), TemplateOptions.defaults());

    assertThat(template.eventPatternsFor("ZendeskArticlePublisherFunction")).isEmpty();
    assertThat(template.functions()).containsKeys("ZendeskArticlePublisherFunction", "ZendeskWebhookFunction");
  }

  @Test
  void bothFunctionsAreToldTheSameSettingsFromTheParameters() {
    Template template = Template.load(ROOT.resolve("template.yaml"), WITH_BUS.withParameters(Map.of(
        "ZendeskSectionId", "360000111", "ZendeskPermissionGroupId", "360000222", "RequiredTags", "faq,guide",
        "PublishAsDraft", "false", "ZendeskSecretName", "support/zendesk")));
    Map<String, String> bus = template.function("ZendeskArticlePublisherFunction").environment();
    Map<String, String> webhook = template.function("ZendeskWebhookFunction").environment();

    assertThat(bus).containsEntry("ZENDESK_SECRET_NAME", "support/zendesk")
        .containsEntry("ZENDESK_SECTION_ID", "360000111")
        .containsEntry("ZENDESK_PERMISSION_GROUP_ID", "360000222")
        .containsEntry("ZENDESK_USER_SEGMENT_ID", "")
        .containsEntry("REQUIRED_TAGS", "faq,guide")
        .containsEntry("PUBLISH_AS_DRAFT", "false")
        .containsEntry("ARTICLE_RECORD_PREFIX", "/responders/zendesk/articles");
    assertThat(webhook).containsAllEntriesOf(bus);
    PublisherConfig config = PublisherConfig.fromEnvironment(withLambdasRegion(bus));
    assertThat(config.requiredTags()).containsExactly("faq", "guide");
    assertThat(config.draft()).isFalse();
    assertThat(config.userSegmentId()).isNull();
  }

  @Test
  void byDefaultTheFunctionsRequireEveryDefaultTagAndCreateDrafts() {
    Map<String, String> environment = Template.load(ROOT.resolve("template.yaml"), TemplateOptions.defaults()
            .withParameters(Map.of("ZendeskSectionId", "1", "ZendeskPermissionGroupId", "2")))
        .function("ZendeskArticlePublisherFunction").environment();

    PublisherConfig config = PublisherConfig.fromEnvironment(withLambdasRegion(environment));
    assertThat(config.requiredTags()).containsExactly("web_widget", "guide");
    assertThat(config.scope().account()).isEqualTo("123456789012");
    assertThat(config.draft()).isTrue();
    assertThat(config.secretName()).isEqualTo("responders/zendesk");
  }

  /** What Lambda adds to the template's environment. */
  private static Map<String, String> withLambdasRegion(Map<String, String> environment) {
    Map<String, String> all = new java.util.HashMap<>(environment);
    all.put("AWS_REGION", "us-east-1");
    return all;
  }

  private static Stream<String> samples(String folder) throws IOException {
    try (var files = Files.list(SampleEvents.folder(FOLDER).resolve(folder))) {
      return files.map(path -> folder + "/" + path.getFileName()).filter(name -> name.endsWith(".json")).sorted()
          .toList().stream();
    }
  }
}
