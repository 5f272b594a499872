package dev.responders.bluegreen;

import java.util.Optional;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.JobData;
import software.amazon.awssdk.services.codepipeline.model.JobNotFoundException;
import software.amazon.awssdk.services.codepipeline.model.PipelineContext;

/**
 * Finds the pipeline execution a job belongs to when its UserParameters do not pass it: the Lambda event has no
 * execution id, GetJobDetails does. A stage retry is a new job of the same execution, so without the execution a
 * retried toggle would flip back.
 *
 * <p>GetJobDetails also returns the job's artifactCredentials; only the pipeline context is read from the response,
 * and the response itself is neither kept nor logged.
 */
public final class PipelineExecutionLookup {

  private final CodePipelineClient codePipeline;

  public PipelineExecutionLookup(CodePipelineClient codePipeline) {
    this.codePipeline = codePipeline;
  }

  /** The execution id, or empty when CodePipeline does not know the job or names no (well-formed) execution. */
  public Optional<String> executionOf(String jobId) {
    JobData data;
    try {
      data = codePipeline.getJobDetails(r -> r.jobId(jobId)).jobDetails().data();
    } catch (JobNotFoundException e) {
      return Optional.empty();
    }
    return Optional.ofNullable(data).map(JobData::pipelineContext).map(PipelineContext::pipelineExecutionId)
        .filter(id -> FlipRequest.EXECUTION_ID.matcher(id).matches());
  }
}
