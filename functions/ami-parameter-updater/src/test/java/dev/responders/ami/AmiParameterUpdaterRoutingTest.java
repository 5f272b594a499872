package dev.responders.ami;

import static org.assertj.core.api.Assertions.assertThat;

import dev.responders.tools.RepositoryRoot;
import dev.responders.tools.account.SampleEvents;
import dev.responders.tools.template.EventPatternMatcher;
import dev.responders.tools.template.Template;
import dev.responders.tools.template.TemplateOptions;
import dev.responders.tools.template.TemplateReader;
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
 * The EventBridge rule in template.yaml, as deployed, against events/ami-parameter-updater/eventbridge: the folder
 * {@code match/} must invoke the function, {@code no-match/} must not. The SNS path is a subscription, checked here
 * for what it subscribes.
 */
class AmiParameterUpdaterRoutingTest {

  private static final Path ROOT = RepositoryRoot.find();
  private static final String FUNCTION = "AmiParameterUpdaterFunction";

  private static EventPatternMatcher rule() {
    List<String> patterns = Template.load(ROOT.resolve("template.yaml"), TemplateOptions.defaults())
        .eventPatternsFor(FUNCTION);
    assertThat(patterns).as("rules routing to " + FUNCTION).hasSize(1);
    return EventPatternMatcher.of(patterns);
  }

  static Stream<String> mustMatch() {
    return files("eventbridge/match");
  }

  static Stream<String> nearMisses() {
    return files("eventbridge/no-match");
  }

  @ParameterizedTest(name = "{0} is routed")
  @MethodSource("mustMatch")
  void imageStateChangesTheFunctionActsOnInvokeIt(String file) throws IOException {
    assertThat(rule().matches(SampleEvents.read(ImageMessages.HANDLER, file))).isTrue();
  }

  @ParameterizedTest(name = "{0} is not routed")
  @MethodSource("nearMisses")
  void otherImageBuilderAndAmiEventsDoNotInvokeIt(String file) throws IOException {
    assertThat(rule().matches(SampleEvents.read(ImageMessages.HANDLER, file))).isFalse();
  }

  @Test
  void bothFoldersHoldSamples() {
    assertThat(mustMatch()).hasSizeGreaterThanOrEqualTo(4);
    assertThat(nearMisses()).hasSizeGreaterThanOrEqualTo(5);
  }

  @Test
  void theFunctionIsToldTheNameTemplateRoleAndItsAccount() {
    Map<String, String> environment = Template.load(ROOT.resolve("template.yaml"), TemplateOptions.defaults()
        .withParameters(Map.of("AmiParameterName", "/amis/{pipelineName}/{region}", "TargetAccountRoleName", "ami-writer")))
        .function(FUNCTION).environment();

    assertThat(environment)
        .containsEntry("AMI_PARAMETER_NAME", "/amis/{pipelineName}/{region}")
        .containsEntry("TARGET_ACCOUNT_ROLE_NAME", "ami-writer")
        .containsEntry("RESPONDERS_ACCOUNT_ID", "123456789012");
    assertThat(Template.load(ROOT.resolve("template.yaml"), TemplateOptions.defaults()).function(FUNCTION)
        .environment()).containsEntry("AMI_PARAMETER_NAME", "/ec2-imagebuilder/{imageName}/latest");
  }

  @Test
  void theImageBuilderTopicInvokesTheLiveAliasAndItsFailuresAreKept() {
    Map<String, Object> resources = map(TemplateReader.read(ROOT.resolve("template.yaml")).get("Resources"));
    Map<String, Object> subscription = map(map(resources.get("AmiParameterUpdaterSubscription")).get("Properties"));

    assertThat(subscription.get("Protocol")).isEqualTo("lambda");
    assertThat(subscription.get("Endpoint")).isEqualTo(Map.of("Ref", FUNCTION + ".Alias"));
    assertThat(map(subscription.get("RedrivePolicy")).get("deadLetterTargetArn"))
        .isEqualTo(Map.of("Fn::GetAtt", List.of("AmiParameterUpdaterFailureQueue", "Arn")));
    Map<String, Object> permission = map(map(resources.get("AmiParameterUpdaterSnsInvokePermission")).get("Properties"));
    assertThat(permission.get("Principal")).isEqualTo("sns.amazonaws.com");
    assertThat(permission.get("FunctionName")).isEqualTo(Map.of("Ref", FUNCTION + ".Alias"));
  }

  private static Stream<String> files(String folder) {
    try (Stream<Path> files = Files.list(SampleEvents.folder(ImageMessages.HANDLER).resolve(folder))) {
      return files.map(f -> folder + "/" + f.getFileName()).sorted().toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }
}
