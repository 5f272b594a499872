package dev.responders.tools.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.responders.tools.RepositoryRoot;
import dev.responders.tools.template.Template;
import dev.responders.tools.template.TemplateOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * events/sam-local-env-vars.json, the file README gives {@code sam local invoke --env-vars}, holds exactly what
 * bin/invoke resolves for every function (names, not logical ids), so both local runs see the same environment.
 */
class SamLocalEnvVarsTest {

  private static final Path ROOT = RepositoryRoot.find();
  private static final Template TEMPLATE = Template.load(ROOT.resolve("template.yaml"),
      new TemplateOptions(Map.of(), TemplateOptions.DEFAULT_REGION, TemplateOptions.DEFAULT_ACCOUNT_ID));
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theKeptFileIsWhatBinInvokePrints() throws Exception {
    JsonNode kept = JSON.readTree(Files.readString(ROOT.resolve("events/sam-local-env-vars.json")));

    assertThat(kept).as("regenerate with: bin/invoke --print-env-vars > events/sam-local-env-vars.json")
        .isEqualTo(JSON.readTree(LocalInvoker.samEnvVars(TEMPLATE)));
  }

  @Test
  void everyFunctionHasItsEnvironmentAsBinInvokeGivesIt() throws Exception {
    JsonNode kept = JSON.readTree(Files.readString(ROOT.resolve("events/sam-local-env-vars.json")));

    assertThat(kept.size()).isEqualTo(TEMPLATE.functions().size());
    TEMPLATE.functions().forEach((logicalId, function) -> {
      Map<String, String> file = JSON.convertValue(kept.get(logicalId),
          JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class));
      assertThat(file).as(logicalId).isEqualTo(function.environment());
    });
  }

  @Test
  void namesAreResolvedNotLeftAsLogicalIds() throws Exception {
    JsonNode isolation = JSON.readTree(LocalInvoker.samEnvVars(TEMPLATE)).get("TagIsolationFunction");

    assertThat(isolation.get("ISOLATION_INSTANCE_PROFILE_NAME").asText()).isEqualTo("responders-isolation-us-east-1");
    assertThat(isolation.get("NOTIFICATION_TOPIC_ARN").asText())
        .isEqualTo("arn:aws:sns:us-east-1:123456789012:ResponderNotificationsTopic");
  }
}
