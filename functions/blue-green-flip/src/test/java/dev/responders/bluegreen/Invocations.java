package dev.responders.bluegreen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responders.shared.json.Json;
import dev.responders.tools.account.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs a handler in this JVM on an event, capturing its result, standard output (the audit) and standard error. */
final class Invocations {

  /** The sample job's artifactCredentials: none of these may ever be printed or returned. */
  static final String[] CREDENTIAL_CANARIES = {"ASIAEXAMPLECANARY", "SecretCanaryDoNotLogMe", "SessionCanaryDoNotLogMe"};

  private Invocations() {
  }

  /** What one invocation produced. {@code error} is what the handler threw, or null. */
  record Run(String output, String stdout, String stderr, RuntimeException error) {

    JsonNode result() {
      if (error != null) {
        throw new AssertionError("the handler threw " + error, error);
      }
      return Json.read(output, JsonNode.class);
    }

    /** Everything the invocation wrote or returned, to search for what must never appear. */
    String everything() {
      return output + "\n" + stdout + "\n" + stderr + "\n" + (error == null ? "" : error.toString());
    }
  }

  static synchronized Run invoke(BlueGreenFlipHandler handler, String event) {
    ByteArrayOutputStream result = new ByteArrayOutputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    RuntimeException thrown = null;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), result, null);
    } catch (RuntimeException e) {
      thrown = e;
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
    return new Run(result.toString(StandardCharsets.UTF_8), out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8), thrown);
  }

  /** The sample CodePipeline job (events/blue-green-flip/codepipeline-job.json). */
  static ObjectNode sampleJob() {
    return (ObjectNode) Json.read(SampleEvents.read("blue-green-flip", "codepipeline-job.json"), JsonNode.class);
  }

  /** The sample job with another job id, execution id and UserParameters (null: none). */
  static String job(String jobId, String userParameters) {
    ObjectNode event = sampleJob();
    ObjectNode job = (ObjectNode) event.get("CodePipeline.job");
    job.put("id", jobId);
    ObjectNode configuration = (ObjectNode) job.get("data").get("actionConfiguration").get("configuration");
    if (userParameters == null) {
      configuration.remove("UserParameters");
    } else {
      configuration.put("UserParameters", userParameters);
    }
    return event.toString();
  }
}
