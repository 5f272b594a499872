package dev.responders.securityhub.playbook;

import dev.responders.securityhub.playbook.PatchInstancePlaybook.Patching;
import dev.responders.shared.audit.AuditLog;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Command;
import software.amazon.awssdk.services.ssm.model.CommandStatus;
import software.amazon.awssdk.services.ssm.model.InstanceInformation;
import software.amazon.awssdk.services.ssm.model.PingStatus;

/**
 * Custom action PatchInstance: runs {@code AWS-RunPatchBaseline} (Operation=Install) through SSM Run Command on each EC2
 * instance of the finding. An instance SSM does not manage (no agent registered, or its agent not online) is reported,
 * never skipped silently. The command's comment carries the finding's mark, so a redelivery while the command is still
 * pending or running sends no second one; the note carries the command id (the patching itself takes minutes and is
 * reported by SSM, so the finding stays NOTIFIED).
 */
public final class PatchInstancePlaybook implements Handover<Patching> {

  static final String DOCUMENT = "AWS-RunPatchBaseline";
  static final int TIMEOUT_SECONDS = 3600;
  private static final Set<CommandStatus> RUNNING = Set.of(CommandStatus.PENDING, CommandStatus.IN_PROGRESS);

  private final SsmClient ssm;

  public PatchInstancePlaybook(SsmClient ssm) {
    this.ssm = ssm;
  }

  /** The instance, and the command already patching it for this finding (null when none). */
  public record Patching(String instanceId, String comment, Command running) {
  }

  @Override
  public Set<String> controls() {
    return Set.of();
  }

  @Override
  public Plan<Patching> plan(Target target) {
    String instanceId = target.idOf("ec2", "instance");
    List<InstanceInformation> managed = ssm.describeInstanceInformation(r -> r.filters(
        f -> f.key("InstanceIds").values(instanceId))).instanceInformationList();
    if (managed.isEmpty()) {
      throw new NotRemediableException("instance " + instanceId + " is not managed by SSM (no SSM Agent registered;"
          + " it needs the agent and an instance profile allowing SSM): not patched");
    }
    if (managed.get(0).pingStatus() != PingStatus.ONLINE) {
      throw new NotRemediableException("instance " + instanceId + " is managed by SSM but its agent is "
          + managed.get(0).pingStatusAsString() + ": not patched");
    }
    String comment = "securityhub-playbooks finding " + target.findingMark();
    Command running = ssm.listCommands(r -> r.instanceId(instanceId)).commands().stream()
        .filter(c -> DOCUMENT.equals(c.documentName()) && comment.equals(c.comment()) && RUNNING.contains(c.status()))
        .findFirst().orElse(null);
    Patching patching = new Patching(instanceId, comment, running);
    return running != null ? Plan.compliant(patching)
        : new Plan<>(List.of("run " + DOCUMENT + " (Install) on " + instanceId), patching);
  }

  @Override
  public Optional<String> heldBy(Plan<Patching> plan) {
    Command running = plan.state().running();
    return running == null ? Optional.empty() : Optional.of("SSM command " + running.commandId() + " ("
        + running.statusAsString() + ") already patching " + plan.state().instanceId());
  }

  @Override
  public String handOver(Target target, Plan<Patching> plan, AuditLog audit) {
    Patching patching = plan.state();
    var sent = ssm.sendCommand(r -> r.instanceIds(patching.instanceId()).documentName(DOCUMENT)
        .parameters(Map.of("Operation", List.of("Install"))).comment(patching.comment())
        .timeoutSeconds(TIMEOUT_SECONDS));
    String commandId = sent.command().commandId();
    audit.changed("ssm:SendCommand", patching.instanceId(), null, DOCUMENT + " Install: " + commandId, sent);
    return "sent SSM command " + commandId + " (" + DOCUMENT + " Install) to " + patching.instanceId();
  }
}
