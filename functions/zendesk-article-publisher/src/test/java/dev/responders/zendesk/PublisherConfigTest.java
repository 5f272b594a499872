package dev.responders.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.responders.shared.aws.AccountScope;
import dev.responders.shared.error.ConfigurationException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PublisherConfigTest {

  private static Map<String, String> environment() {
    Map<String, String> env = new HashMap<>();
    env.put("ZENDESK_SECRET_NAME", "responders/zendesk");
    env.put("ZENDESK_SECTION_ID", "360000111");
    env.put("ZENDESK_PERMISSION_GROUP_ID", "360000222");
    env.put("ZENDESK_USER_SEGMENT_ID", "360000333");
    env.put("REQUIRED_TAGS", "web_widget, guide");
    env.put("PUBLISH_AS_DRAFT", "true");
    env.put("ZENDESK_ARTICLE_LOCALE", "en-us");
    env.put("ARTICLE_RECORD_PREFIX", "/responders/zendesk/articles");
    env.put("RESPONDERS_ACCOUNT_ID", "123456789012");
    env.put("AWS_REGION", "eu-west-1");
    return env;
  }

  @Test
  void readsEverySetting() {
    PublisherConfig config = PublisherConfig.fromEnvironment(environment());

    assertThat(config).isEqualTo(new PublisherConfig("responders/zendesk", 360000111L, 360000222L, 360000333L,
        java.util.List.of("web_widget", "guide"), true, "en-us", "/responders/zendesk/articles",
        new AccountScope("123456789012", "eu-west-1")));
    assertThat(config.recordParameterName(35436)).isEqualTo("/responders/zendesk/articles/35436");
  }

  @Test
  void listsEveryProblemAtOnce() {
    Map<String, String> env = environment();
    env.remove("ZENDESK_SECTION_ID");
    env.put("ZENDESK_PERMISSION_GROUP_ID", "group-a");
    env.put("ZENDESK_USER_SEGMENT_ID", "everyone");
    env.put("REQUIRED_TAGS", ",");
    env.put("PUBLISH_AS_DRAFT", "yes");

    assertThatThrownBy(() -> PublisherConfig.fromEnvironment(env)).isInstanceOfSatisfying(
        ConfigurationException.class, e -> assertThat(e.problems()).containsExactly(
            "ZENDESK_SECTION_ID is not set",
            "ZENDESK_PERMISSION_GROUP_ID must be a Zendesk permission group id (digits), got 'group-a'",
            "ZENDESK_USER_SEGMENT_ID must be empty or a Zendesk user segment id (digits), got 'everyone'",
            "REQUIRED_TAGS must be a comma-separated list of Zendesk tags, got ','",
            "PUBLISH_AS_DRAFT must be true or false, got 'yes'"));
  }

  @Test
  void anEmptyUserSegmentMeansEveryone() {
    Map<String, String> env = environment();
    env.put("ZENDESK_USER_SEGMENT_ID", "");

    assertThat(PublisherConfig.fromEnvironment(env).userSegmentId()).isNull();
  }
}
