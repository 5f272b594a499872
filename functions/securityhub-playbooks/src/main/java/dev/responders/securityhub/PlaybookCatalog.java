package dev.responders.securityhub;

import dev.responders.securityhub.FindingsEvent.Action;
import dev.responders.securityhub.playbook.PatchInstancePlaybook;
import dev.responders.securityhub.playbook.Playbook;
import dev.responders.securityhub.playbook.Playbooks;
import dev.responders.securityhub.playbook.ServiceClients;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which playbook answers a finding, for one account and region: the custom action Remediate (and automatic mode)
 * picks it by security control, one playbook per control; SendToJira and PatchInstance have one playbook each.
 */
public final class PlaybookCatalog {

  private final Map<String, Playbook<?>> byControl = new LinkedHashMap<>();
  private final Playbook<?> patch;
  private final Playbook<?> jira;

  public PlaybookCatalog(List<Playbook<?>> remediations, Playbook<?> patch, Playbook<?> jira) {
    this.patch = patch;
    this.jira = jira;
    for (Playbook<?> playbook : remediations) {
      for (String control : playbook.controls()) {
        Playbook<?> earlier = byControl.putIfAbsent(control, playbook);
        if (earlier != null) {
          throw new IllegalArgumentException(control + " is answered by both " + earlier.getClass().getSimpleName()
              + " and " + playbook.getClass().getSimpleName());
        }
      }
    }
  }

  /** The catalog of the account and region {@code clients} act in; the Jira playbook is the same for every one. */
  public static PlaybookCatalog of(PlaybooksConfig config, ServiceClients clients, Playbook<?> jira, Clock clock) {
    return new PlaybookCatalog(Playbooks.all(config, clients, clock), new PatchInstancePlaybook(clients.ssm()), jira);
  }

  public Optional<Playbook<?>> forControl(String controlId) {
    return Optional.ofNullable(byControl.get(controlId));
  }

  /** The playbook the action runs on a finding of {@code controlId} (null when none was recognised). */
  public Optional<Playbook<?>> forAction(Action action, String controlId) {
    return switch (action) {
      case REMEDIATE -> controlId == null ? Optional.empty() : forControl(controlId);
      case PATCH_INSTANCE -> Optional.of(patch);
      case SEND_TO_JIRA -> Optional.of(jira);
    };
  }

  public Set<String> controls() {
    return byControl.keySet();
  }
}
