package dev.responders.bluegreen;

import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.error.InvalidEventException;
import dev.responders.shared.error.NotificationFailedException;
import dev.responders.shared.lambda.TimeBudget;
import dev.responders.shared.notify.Delivery;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The flip as a CodePipeline Lambda invoke action: parse the job, set the colour, report the result. Once the job
 * id is known every way this can end is reported to the pipeline, so its action never hangs until it times out:
 * a malformed job or UserParameters fails it as ConfigurationError, a refused flip or a failed SSM call as
 * JobFailed (PermissionError when access is denied), an unexpected exception as JobFailed.
 *
 * <p>A failure is reported and the invocation ends normally: the job has failed, and Lambda retrying the same
 * job could only be refused by CodePipeline. Only a report that did not reach CodePipeline is thrown, so that
 * Lambda's retry reports it.
 *
 * <p>The responders hear of a flip after the pipeline does; a notification SNS did not take is thrown
 * ({@link NotificationFailedException}) so that Lambda's retry, which finds the flip done, sends it. A failure's
 * notification is sent once and not thrown for: the failure is already on the pipeline, where it stays, and a
 * retry that then succeeded would flip a job CodePipeline has already failed.
 */
public final class PipelineFlipAction {

  private final BlueGreenConfig config;
  private final LiveColourSetter setter;
  private final JobReporter reporter;
  private final PipelineExecutionLookup executions;
  private final FlipNotice notice;

  public PipelineFlipAction(BlueGreenConfig config, LiveColourSetter setter, JobReporter reporter,
      PipelineExecutionLookup executions, FlipNotice notice) {
    this.config = config;
    this.setter = setter;
    this.reporter = reporter;
    this.executions = executions;
    this.notice = notice;
  }

  /** Fails with {@link InvalidEventException} only when the event has no readable job id: nobody to report to. */
  public FlipResult run(JsonNode event, String jobId, AuditLog audit, TimeBudget budget) {
    PipelineJob job = null;
    FlipOrigin origin = FlipOrigin.job(jobId, null);
    FlipOutcome outcome;
    try {
      job = PipelineJob.parse(event, config.parameterName());
      FlipRequest request = job.request();
      Optional<String> foreign = config.scope().outsideReason(job.accountId(), config.scope().region(), null);
      if (foreign.isPresent()) {
        audit.decision("refuse", jobId, foreign.get());
        throw new FlipRefusedException(FailureKind.CONFIGURATION, "job " + foreign.get()
            + ": this function sets the marker of its own account only");
      }
      String execution = request.pipelineExecutionId() != null ? request.pipelineExecutionId()
          : executions.executionOf(jobId).orElse(null);
      audit.decision("flip-for-job", request.parameterName(), "target "
          + request.target().map(Colour::value).orElse("the other colour")
          + (execution == null ? ", pipeline execution unknown" : ", pipeline execution " + execution
              + (request.pipelineExecutionId() == null ? " (GetJobDetails)" : ""))
          + (job.continued() ? ", continuing (continuationToken present)" : ""));
      origin = FlipOrigin.job(jobId, execution);
      outcome = setter.apply(request.parameterName(), request.target(), origin, audit, budget);
    } catch (InvalidEventException e) {
      audit.decision("reject", jobId, e.getMessage());
      return fail(origin, null, FailureKind.CONFIGURATION, e.getMessage(), audit);
    } catch (FlipRefusedException e) {
      return fail(origin, parameterOf(job), e.kind(), e.getMessage(), audit);
    } catch (SdkException e) {
      FailureKind kind = accessDenied(e) ? FailureKind.PERMISSION : FailureKind.JOB;
      return fail(origin, parameterOf(job), kind, serviceOf(e) + " call failed, " + parameterOf(job)
          + " was not changed: " + e.getMessage(), audit);
    } catch (RuntimeException | Error e) {
      audit.failed("flip", jobId, null, e);
      FlipResult reported = fail(origin, parameterOf(job), FailureKind.JOB,
          "Unexpected " + e.getClass().getSimpleName() + " in the flip function: " + e.getMessage(), audit);
      if (e instanceof Error error) {
        throw error;
      }
      return reported;
    }
    JobReport report = reporter.succeeded(jobId, outcome, audit);
    FlipResult result = FlipResult.ofJob(job, outcome, report, audit.changes());
    if (!FlipNotice.owed(outcome)) {
      return result;
    }
    Delivery sent = notice.flipped(origin.describe(), outcome, audit);
    FlipResult told = result.withNotification(sent, audit.changes());
    if (sent == Delivery.FAILED) {
      throw new NotificationFailedException("Blue/green: " + outcome.live() + " is live", told);
    }
    return told;
  }

  private FlipResult fail(FlipOrigin origin, String parameter, FailureKind kind, String message, AuditLog audit) {
    JobReport report = reporter.failed(origin.jobId(), kind, message, audit);
    Delivery sent = notice.failed(origin.describe(), parameter, kind, message, audit);
    return FlipResult.failedJob(origin.jobId(), parameter, kind, message, report, audit.changes())
        .withNotification(sent, audit.changes());
  }

  private static String serviceOf(SdkException e) {
    return e instanceof AwsServiceException service && service.awsErrorDetails() != null
        && service.awsErrorDetails().serviceName() != null ? service.awsErrorDetails().serviceName() : "AWS";
  }

  private static String parameterOf(PipelineJob job) {
    return job == null ? null : job.request().parameterName();
  }

  private static boolean accessDenied(SdkException e) {
    return e instanceof AwsServiceException service && service.awsErrorDetails() != null
        && ("AccessDeniedException".equals(service.awsErrorDetails().errorCode())
            || service.statusCode() == 403);
  }
}
