package dev.responders.bluegreen;

import dev.responders.shared.audit.AuditLog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.AwsResponse;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.FailureType;
import software.amazon.awssdk.services.codepipeline.model.InvalidJobStateException;
import software.amazon.awssdk.services.codepipeline.model.JobNotFoundException;

/**
 * Tells CodePipeline how the job ended, or its action would wait until it times out. Messages are plain strings
 * (the seed passed an exception object, which the SDK refused, so its pipeline hung). No continuationToken is ever
 * sent back: CodePipeline would invoke the function again for as long as one is returned.
 *
 * <p>A report CodePipeline cannot take (throttled past the SDK's retries, unreachable) is audited and thrown, so
 * Lambda retries the invocation; the retry finds its flip already recorded and reports again without a second flip.
 */
public final class JobReporter {

  /** PutJobFailureResult's message limit. */
  static final int MAX_MESSAGE = 5000;
  /** ExecutionDetails summary limit. */
  static final int MAX_SUMMARY = 2048;

  private final CodePipelineClient codePipeline;

  public JobReporter(CodePipelineClient codePipeline) {
    this.codePipeline = codePipeline;
  }

  /** The new colour in outputVariables, for later actions ({@code #{BlueGreen.LiveColour}}), and a summary. */
  public JobReport succeeded(String jobId, FlipOutcome outcome, AuditLog audit) {
    Map<String, String> variables = outputVariables(outcome);
    String summary = limit(outcome.parameter() + ": " + outcome.live() + " is live (version " + outcome.version()
        + "): " + outcome.status().value() + ", " + outcome.reason(), MAX_SUMMARY);
    return report("codepipeline:PutJobSuccessResult", jobId, JobReport.SUCCEEDED,
        Map.of("output_variables", variables, "summary", summary),
        () -> codePipeline.putJobSuccessResult(r -> r.jobId(jobId)
            .outputVariables(variables)
            .executionDetails(d -> d.summary(summary)
                .externalExecutionId(outcome.parameter() + ":" + outcome.version())
                .percentComplete(100))), audit);
  }

  public JobReport failed(String jobId, FailureKind kind, String message, AuditLog audit) {
    String text = limit(message, MAX_MESSAGE);
    return report("codepipeline:PutJobFailureResult", jobId, JobReport.FAILED,
        Map.of("type", kind.failureType(), "message", text),
        () -> codePipeline.putJobFailureResult(r -> r.jobId(jobId)
            .failureDetails(f -> f.type(FailureType.fromValue(kind.failureType())).message(text))), audit);
  }

  static Map<String, String> outputVariables(FlipOutcome outcome) {
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("LiveColour", outcome.live().value());
    variables.put("PreviousColour", outcome.previous() == null ? "unknown" : outcome.previous());
    variables.put("ParameterName", outcome.parameter());
    variables.put("ParameterVersion", String.valueOf(outcome.version()));
    variables.put("FlipStatus", outcome.status().value());
    return variables;
  }

  private static JobReport report(String action, String jobId, JobReport done, Object sent,
      Supplier<? extends AwsResponse> call, AuditLog audit) {
    try {
      AwsResponse response = call.get();
      audit.changed(action, jobId, null, sent, response);
      return done;
    } catch (InvalidJobStateException e) {
      audit.unchanged(action, jobId, null, "CodePipeline no longer waits for this job: " + e.getMessage());
      return JobReport.ALREADY_CLOSED;
    } catch (JobNotFoundException e) {
      audit.failed(action, jobId, null, e);
      return JobReport.JOB_NOT_FOUND;
    } catch (SdkException e) {
      audit.failed(action, jobId, sent, e);
      throw e;
    }
  }

  private static String limit(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 3) + "...";
  }
}
