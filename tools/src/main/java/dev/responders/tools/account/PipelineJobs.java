package dev.responders.tools.account;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The sample CodePipeline job of {@code events/blue-green-flip}, as later executions of the pipeline send it. */
public final class PipelineJobs {

  private static final ObjectMapper JSON = new ObjectMapper();

  private PipelineJobs() {
  }

  /** The sample job as execution {@code n} sends it: a job id and an execution id of its own. */
  public static String execution(int n) {
    try {
      ObjectNode event = (ObjectNode) JSON.readTree(SampleEvents.read("blue-green-flip", "codepipeline-job.json"));
      ObjectNode job = (ObjectNode) event.get("CodePipeline.job");
      job.put("id", jobId(n));
      ((ObjectNode) job.at("/data/actionConfiguration/configuration")).put("UserParameters",
          "{\"pipelineExecutionId\": \"" + executionId(n) + "\"}");
      return event.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String jobId(int n) {
    return String.format("%08d-abcd-4000-8000-%012d", n, n);
  }

  public static String executionId(int n) {
    return String.format("%08d-0000-4000-8000-%012d", n, n);
  }
}
