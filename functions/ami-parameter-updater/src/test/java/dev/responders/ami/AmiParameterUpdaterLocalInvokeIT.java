package dev.responders.ami;

import static dev.responders.ami.AmiParameterUpdaterIT.EAST_AMI;
import static dev.responders.ami.AmiParameterUpdaterIT.PARAMETER;
import static dev.responders.ami.AmiParameterUpdaterIT.WEST_AMI;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responders.shared.json.Json;
import dev.responders.tools.RepositoryRoot;
import dev.responders.tools.emulator.MotoExtension;
import dev.responders.tools.emulator.MotoServer;
import dev.responders.tools.invoke.LocalInvoker;
import dev.responders.tools.invoke.LocalInvoker.Invocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
  void writesEachRegionsParameterWithTheEnvironmentTheTemplateGivesTheFunction() throws Exception {
    Run run = invoke(ImageMessages.sample("sns/image-available.json"));

    assertThat(run.status()).as(run.log()).isZero();
    assertThat(run.result().get("status").asText()).isEqualTo("updated");
    try (ParameterStoreReader east = ParameterStoreReader.in("us-east-1");
        ParameterStoreReader west = ParameterStoreReader.in("us-west-2")) {
      assertThat(east.value(PARAMETER)).isEqualTo(EAST_AMI);
      assertThat(west.value(PARAMETER)).isEqualTo(WEST_AMI);
    }
  }

  @Test
  void theNameTemplateParameterReachesTheFunction() throws Exception {
    Run run = invoke(ImageMessages.sample("sns/image-available.json"), "--param",
        "AmiParameterName=/golden/{pipelineName}/{region}");

    assertThat(run.status()).as(run.log()).isZero();
    try (ParameterStoreReader west = ParameterStoreReader.in("us-west-2")) {
      assertThat(west.value("/golden/web-server-pipeline/us-west-2")).isEqualTo(WEST_AMI);
    }
  }

  @Test
  void aMalformedMessageExitsOneWithLambdasErrorShape() throws Exception {
    Run run = invoke(ImageMessages.snsWithText("not json"));

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.output()).isEmpty();
    assertThat(run.log()).contains("\"errorType\":\"dev.responders.shared.error.InvalidEventException\"")
        .contains("Records[0].Sns.Message is not valid JSON");
  }

  @Test
  void snapStartModeRunsThePrimingHooksWithoutChangingAnything() throws Exception {
    Run run = invoke(ImageMessages.sns(ImageMessages.edit(ImageMessages.availableMessage(),
        message -> ((ObjectNode) message.get("state")).put("status", "BUILDING"))), "--snapstart");

    assertThat(run.status()).as(run.log()).isZero();
    assertThat(run.result().get("status").asText()).isEqualTo("skipped");
    JsonNode timing = Json.read(run.log().lines().filter(l -> l.startsWith("{\"runner\":\"timing\""))
        .findFirst().orElseThrow(), JsonNode.class);
    assertThat(timing.get("snapshot_hooks_ms").asLong()).as("priming ran (it reads SSM)").isPositive();
    assertThat(run.log()).doesNotContain("\"kind\":\"priming\",\"outcome\":\"failed\"");
  }

  private Run invoke(String event, String... options) throws IOException, InterruptedException {
    Path eventFile = Files.writeString(work.resolve("event.json"), event);
    Path output = work.resolve("output.json");
    Path log = work.resolve("log.txt");
    List<String> args = new ArrayList<>(List.of("AmiParameterUpdaterFunction", eventFile.toString()));
    args.addAll(List.of(options));
    Invocation invocation = Invocation.parse(args.toArray(String[]::new)).withEnvironment(moto.processEnvironment());
    int status = LocalInvoker.run(invocation, root,
        ProcessBuilder.Redirect.to(output.toFile()), ProcessBuilder.Redirect.to(log.toFile()));
    return new Run(status, Files.readString(output).strip(), Files.readString(log));
  }

  private record Run(int status, String output, String log) {

    JsonNode result() {
      return Json.read(output, JsonNode.class);
    }
  }
}
