package dev.responders.glue;

import static dev.responders.glue.GlueScenario.CRAWLED_COLUMNS;
import static dev.responders.glue.GlueScenario.types;
import static org.assertj.core.api.Assertions.assertThat;

import dev.responders.tools.RepositoryRoot;
import dev.responders.tools.account.SampleEvents;
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
 * The function as bin/invoke runs it: handler, code and environment read from template.yaml, in a JVM of its
 * own, against the emulator named by AWS_ENDPOINT_URL.
 */
@ExtendWith(MotoExtension.class)
class GlueSetTypeFixerLocalInvokeIT {

  private final Path root = RepositoryRoot.find();
  private GlueScenario scenario;
  private MotoServer moto;

  @TempDir
  Path work;

  @BeforeEach
  void seed(MotoServer moto) {
    this.moto = moto;
    scenario = new GlueScenario();
    scenario.createTable("orders", CRAWLED_COLUMNS);
  }

  @Test
  void theArtifactIsShrunkUnderTheSizeBudget() throws Exception {
    // The package phase shrinks target/lambda (lambda-shrink.pro); every test of this class runs that artifact.
    assertThat(FunctionArtifact.in(RepositoryRoot.find().resolve("functions/glue-set-type-fixer")).zippedBytes())
        .isLessThanOrEqualTo(FunctionArtifact.SIZE_BUDGET_BYTES);
  }

  @Test
  void fixesTheTableWithTheEnvironmentTheTemplateGivesTheFunction() throws Exception {
    LocalRun run = invoke(SampleEvents.read("glue-set-type-fixer", "match/table-updated.json"));

    assertThat(run.status()).isZero();
    assertThat(run.result().get("status").asText()).isEqualTo("fixed");
    assertThat(run.report()).containsKeys("Init Duration", "Duration");
    assertThat(run.metrics()).isEqualTo(java.util.Map.of("Fixed", 1));
    assertThat(types(scenario.table("orders").storageDescriptor().columns())).noneMatch(t -> t.contains("set<"));
    assertThat(run.log()).contains("\"action\":\"glue:UpdateTable\"");
  }

  @Test
  void theDatabaseParameterReachesTheFunction() throws Exception {
    LocalRun run = invoke(SampleEvents.read("glue-set-type-fixer", "match/table-updated.json"),
        "--param", "GlueDatabaseNames=analytics");

    assertThat(run.status()).isZero();
    assertThat(run.result().get("status").asText()).isEqualTo("skipped");
    assertThat(run.metrics()).isEqualTo(java.util.Map.of("Skipped", 1));
    assertThat(scenario.versions("orders")).isEqualTo(1);
  }

  @Test
  void aMalformedEventExitsOneWithLambdasErrorShape() throws Exception {
    LocalRun run = invoke(SampleEvents.read("glue-set-type-fixer", "malformed/table-name-missing.json"));

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.output()).isEmpty();
    assertThat(run.error().get("errorType").asText()).isEqualTo("dev.responders.shared.error.InvalidEventException");
    assertThat(run.error().get("errorMessage").asText()).isEqualTo("Invalid event: detail.tableName is missing");
    assertThat(scenario.versions("orders")).isEqualTo(1);
  }

  @Test
  void snapStartModeRunsThePrimingHooksWithoutChangingAnything() throws Exception {
    LocalRun run = invoke(SampleEvents.read("glue-set-type-fixer", "no-match/partitions-deleted.json"), "--snapstart");

    assertThat(run.status()).isZero();
    assertThat(run.result().get("status").asText()).isEqualTo("skipped");
    assertThat(run.timing().get("snapshot_hooks_ms").asLong()).as("priming ran (it reads Glue)").isPositive();
    assertThat(run.log()).doesNotContain("\"kind\":\"priming\",\"outcome\":\"failed\"");
    assertThat(scenario.versions("orders")).isEqualTo(1);
  }

  private LocalRun invoke(String event, String... options) throws IOException, InterruptedException {
    return LocalRun.of(root, work, moto.processEnvironment(), "GlueSetTypeFixerFunction", event, options);
  }
}
