package dev.responders.bluegreen;

import dev.responders.shared.audit.AuditRecord;
import dev.responders.shared.notify.Delivery;
import java.util.List;

/**
 * What one invocation did, returned by the handler. Never holds anything of the job's artifactCredentials.
 *
 * @param status         what happened to the marker
 * @param trigger        {@code codepipeline} or {@code codedeploy}
 * @param jobId          the CodePipeline job, for the pipeline trigger
 * @param deploymentId   the CodeDeploy deployment, for that trigger
 * @param parameter      the marker parameter
 * @param previous       its value before ({@code null} before the first deployment)
 * @param live           the colour live now as this job or deployment set it
 * @param version        the parameter version holding {@code live}
 * @param reason         why, in a sentence (the failure message when failed)
 * @param failureType    CodePipeline's failure type, when failed
 * @param pipelineReport what CodePipeline was told
 * @param continued      whether the job carried a continuationToken
 * @param notification   whether the responders were told ({@code sent}, {@code failed}, {@code not-configured}),
 *                       or null when there was nothing to tell
 * @param changes        every AWS mutation made, with before and after
 */
public record FlipResult(
    FlipStatus status,
    String trigger,
    String jobId,
    String deploymentId,
    String parameter,
    String previous,
    Colour live,
    Long version,
    String reason,
    String failureType,
    JobReport pipelineReport,
    Boolean continued,
    Delivery notification,
    List<AuditRecord> changes) {

  static final String CODEPIPELINE = "codepipeline";
  static final String CODEDEPLOY = "codedeploy";

  static FlipResult ofJob(PipelineJob job, FlipOutcome outcome, JobReport report, List<AuditRecord> changes) {
    return new FlipResult(outcome.status(), CODEPIPELINE, job.jobId(), null, outcome.parameter(), outcome.previous(),
        outcome.live(), outcome.version(), outcome.reason(), null, report, job.continued(), null, changes);
  }

  static FlipResult failedJob(String jobId, String parameter, FailureKind kind, String message, JobReport report,
      List<AuditRecord> changes) {
    return new FlipResult(FlipStatus.FAILED, CODEPIPELINE, jobId, null, parameter, null, null, null, message,
        kind.failureType(), report, null, null, changes);
  }

  static FlipResult ofDeployment(String deploymentId, FlipOutcome outcome, List<AuditRecord> changes) {
    return new FlipResult(outcome.status(), CODEDEPLOY, null, deploymentId, outcome.parameter(), outcome.previous(),
        outcome.live(), outcome.version(), outcome.reason(), null, null, null, null, changes);
  }

  static FlipResult skipped(String trigger, String deploymentId, String reason) {
    return new FlipResult(FlipStatus.SKIPPED, trigger, null, deploymentId, null, null, null, null, reason, null, null,
        null, null, List.of());
  }

  FlipResult withNotification(Delivery delivery, List<AuditRecord> allChanges) {
    return new FlipResult(status, trigger, jobId, deploymentId, parameter, previous, live, version, reason,
        failureType, pipelineReport, continued, delivery, allChanges);
  }
}
