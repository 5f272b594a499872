package dev.responders.bluegreen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responders.shared.error.InvalidEventException;
import dev.responders.shared.json.Json;
import dev.responders.tools.account.SampleEvents;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PipelineJobTest {

  private static JsonNode sample(String file) {
    return Json.read(SampleEvents.read("blue-green-flip", file), JsonNode.class);
  }

  @Test
  void readsTheSampleJobWithoutItsCredentials() {
    PipelineJob job = PipelineJob.parse(sample("codepipeline-job.json"), "/bluegreen/live");

    assertThat(job).isEqualTo(new PipelineJob("11111111-abcd-1111-abcd-111111111111", "123456789012",
        new FlipRequest("/bluegreen/live", Optional.empty(), "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"), false));
    assertThat(job.toString()).doesNotContain(Invocations.CREDENTIAL_CANARIES);
  }

  @Test
  void readsTheExplicitTargetAndTheContinuation() {
    PipelineJob job = PipelineJob.parse(sample("codepipeline-job-target-blue.json"), "/other/default");

    assertThat(job.request().target()).contains(Colour.BLUE);
    assertThat(job.request().parameterName()).isEqualTo("/bluegreen/live");
    assertThat(job.continued()).isTrue();
  }

  @Test
  void aJobWithoutUserParametersTogglesTheDefaultParameter() {
    JsonNode event = Json.read(Invocations.job("33333333-abcd-4000-8000-333333333333", null), JsonNode.class);

    FlipRequest request = PipelineJob.parse(event, "/bluegreen/live").request();

    assertThat(request).isEqualTo(new FlipRequest("/bluegreen/live", Optional.empty(), null));
  }

  @Test
  void theJobIdIsReadableOnlyWhenItIsAJobId() {
    assertThat(PipelineJob.readableJobId(sample("codepipeline-job.json")))
        .contains("11111111-abcd-1111-abcd-111111111111");
    assertThat(PipelineJob.readableJobId(Json.read("{\"CodePipeline.job\":{\"id\":\"x\"}}", JsonNode.class)))
        .isEmpty();
    assertThat(PipelineJob.readableJobId(Json.read("{\"CodePipeline.job\":{\"id\":7}}", JsonNode.class))).isEmpty();
    assertThat(PipelineJob.readableJobId(Json.read("{}", JsonNode.class))).isEmpty();
  }

  @Test
  void everyMalformedFieldIsNamed() {
    ObjectNode wrongUserParameters = (ObjectNode) sample("codepipeline-job.json");
    ((ObjectNode) wrongUserParameters.at("/CodePipeline.job/data/actionConfiguration/configuration"))
        .put("UserParameters", 5);
    ObjectNode wrongToken = (ObjectNode) sample("codepipeline-job.json");
    ((ObjectNode) wrongToken.at("/CodePipeline.job/data")).put("continuationToken", 5);
    ObjectNode noConfiguration = (ObjectNode) sample("codepipeline-job.json");
    ((ObjectNode) noConfiguration.at("/CodePipeline.job/data/actionConfiguration")).remove("configuration");
    ObjectNode noAccount = (ObjectNode) sample("codepipeline-job.json");
    ((ObjectNode) noAccount.at("/CodePipeline.job")).remove("accountId");

    assertField(wrongUserParameters, "CodePipeline.job.data.actionConfiguration.configuration.UserParameters");
    assertField(wrongToken, "CodePipeline.job.data.continuationToken");
    assertField(noConfiguration, "CodePipeline.job.data.actionConfiguration.configuration");
    assertField(noAccount, "CodePipeline.job.accountId");
  }

  private static void assertField(JsonNode event, String field) {
    assertThatThrownBy(() -> PipelineJob.parse(event, "/bluegreen/live"))
        .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.field()).isEqualTo(field));
  }
}
