package dev.responders.tools.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventPatternMatcherTest {

  private static final String TAGGED = """
      {"source": "aws.tag", "detail": {"changed-tag-keys": ["Owner", "SecurityResponse"],
       "tags": {"SecurityResponse": "isolate", "Owner": "ops"}}}
      """;

  @Test
  void matchesWhenEveryFieldOfThePatternMatches() {
    var matcher = EventPatternMatcher.of(List.of(
        "{\"source\": [\"aws.tag\"], \"detail\": {\"tags\": {\"SecurityResponse\": [\"isolate\"]}}}"));
    assertThat(matcher.matches(TAGGED)).isTrue();
    assertThat(matcher.matches(TAGGED.replace("isolate", "monitor"))).isFalse();
  }

  @Test
  void aPatternArrayMatchesAnyOverlapWithAnEventArray() {
    var matcher = EventPatternMatcher.of(List.of("{\"detail\": {\"changed-tag-keys\": [\"SecurityResponse\"]}}"));
    assertThat(matcher.matches(TAGGED)).isTrue();
    assertThat(matcher.matches(TAGGED.replace("\"SecurityResponse\"]", "\"CostCenter\"]"))).isFalse();
  }

  @Test
  void aFieldMissingFromTheEventDoesNotMatch() {
    var matcher = EventPatternMatcher.of(List.of("{\"detail\": {\"tags\": {\"Quarantine\": [\"yes\"]}}}"));
    assertThat(matcher.matches(TAGGED)).isFalse();
  }

  @Test
  void reportsWhichPatternsMatch() {
    String bySource = "{\"source\": [\"aws.tag\"]}";
    String byOther = "{\"source\": [\"aws.ec2\"]}";
    var matcher = EventPatternMatcher.of(List.of(byOther, bySource));
    assertThat(matcher.matchingPatterns(TAGGED)).containsExactly(bySource);
  }

  @Test
  void rejectsAnInvalidPatternUpFront() {
    assertThatThrownBy(() -> EventPatternMatcher.of(List.of("{\"source\": \"aws.tag\"}")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EventPatternMatcher.of(List.of("{\"source\": [")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsAnEventThatIsNotJson() {
    var matcher = EventPatternMatcher.of(List.of("{\"source\": [\"aws.tag\"]}"));
    assertThatThrownBy(() -> matcher.matches("not json")).isInstanceOf(IllegalArgumentException.class);
  }
}
