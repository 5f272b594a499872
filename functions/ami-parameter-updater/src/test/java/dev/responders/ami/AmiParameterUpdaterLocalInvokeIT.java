package dev.responders.ami;

import static dev.responders.ami.AmiParameterUpdaterIT.EAST_AMI;
import static dev.responders.ami.AmiParameterUpdaterIT.PARAMETER;
import static dev.responders.ami.AmiParameterUpdaterIT.WEST_AMI;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responders.tools.RepositoryRoot;
import dev.responders.tools.emulator.MotoExtension;
import dev.responders.tools.emulator.MotoServer;
import dev.responders.tools.invoke.FunctionArtifact;
import dev.responders.tools.invoke.LocalRun;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The function as bin/invoke runs it: handler, code and environment (name template, role, account) read from
 * template.yaml, in a JVM of its own, against the emulator named by AWS_ENDPOINT_URL.
 */
@ExtendWith(MotoExtension.class)
class AmiParameterUpdaterLocalInvokeIT {

  private final Path root = RepositoryRoot.find();
  private MotoServer moto;

  @TempDir
  Path work;

  @BeforeEach
  void emulator(MotoServer moto) {
    this.moto = moto;
  }

  @Test
  void theArtifactIsShrunkUnderTheSizeBudget() throws Exception {
    // The package phase shrinks target/lambda (lambda-shrink.pro); every test of this class runs that artifact.
    assertThat(FunctionArtifact.in(RepositoryRoot.find().resolve("functions/ami-parameter-updater")).zippedBytes())
        .isLessThanOrEqualTo(FunctionArtifact.SIZE_BUDGET_BYTES);
  }

  @Test
  void writesEachRegionsParameterWithTheEnvironmentTheTemplateGivesTheFunction() throws Exception {
    LocalRun run = invoke(ImageMessages.sample("sns/image-available.json"));

    assertThat(run.status()).as(run.log()).isZero();
    assertThat(run.result().get("status").asText()).isEqualTo("updated");
    assertThat(run.report()).containsKeys("Init Duration", "Duration");
    assertThat(run.metrics()).isEqualTo(java.util.Map.of("Updated", 1));
    try (ParameterStoreReader east = ParameterStoreReader.in("us-east-1");
        ParameterStoreReader west = ParameterStoreReader.in("us-west-2")) {
      assertThat(east.value(PARAMETER)).isEqualTo(EAST_AMI);
      assertThat(west.value(PARAMETER)).isEqualTo(WEST_AMI);
    }
  }

  @Test
  void theNameTemplateParameterReachesTheFunction() throws Exception {
    LocalRun run = invoke(ImageMessages.sample("sns/image-available.json"), "--param",
        "AmiParameterName=/golden/{pipelineName}/{region}");

    assertThat(run.status()).as(run.log()).isZero();
    try (ParameterStoreReader west = ParameterStoreReader.in("us-west-2")) {
      assertThat(west.value("/golden/web-server-pipeline/us-west-2")).isEqualTo(WEST_AMI);
    }
  }

  @Test
  void aMalformedMessageExitsOneWithLambdasErrorShape() throws Exception {
    LocalRun run = invoke(ImageMessages.snsWithText("not json"));

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.output()).isEmpty();
    assertThat(run.error().get("errorType").asText()).isEqualTo("dev.responders.shared.error.InvalidEventException");
    assertThat(run.error().get("errorMessage").asText()).contains("Records[0].Sns.Message is not valid JSON");
  }

  @Test
  void snapStartModeRunsThePrimingHooksWithoutChangingAnything() throws Exception {
    LocalRun run = invoke(ImageMessages.sns(ImageMessages.edit(ImageMessages.availableMessage(),
        message -> ((ObjectNode) message.get("state")).put("status", "BUILDING"))), "--snapstart");

    assertThat(run.status()).as(run.log()).isZero();
    assertThat(run.result().get("status").asText()).isEqualTo("skipped");
    JsonNode timing = run.timing();
    assertThat(timing.get("snapshot_hooks_ms").asLong()).as("priming ran (it reads SSM)").isPositive();
    assertThat(run.log()).doesNotContain("\"kind\":\"priming\",\"outcome\":\"failed\"");
  }

  private LocalRun invoke(String event, String... options) throws IOException, InterruptedException {
    return LocalRun.of(root, work, moto.processEnvironment(), "AmiParameterUpdaterFunction", event, options);
  }

}
