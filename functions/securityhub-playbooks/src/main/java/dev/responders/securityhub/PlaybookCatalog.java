package dev.responders.securityhub;

import dev.responders.securityhub.playbook.Playbook;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Which playbook answers which security control: one playbook per control, several controls per playbook. */
public final class PlaybookCatalog {

  private final Map<String, Playbook<?>> byControl = new LinkedHashMap<>();

  public PlaybookCatalog(List<Playbook<?>> playbooks) {
    for (Playbook<?> playbook : playbooks) {
      for (String control : playbook.controls()) {
        Playbook<?> earlier = byControl.putIfAbsent(control, playbook);
        if (earlier != null) {
          throw new IllegalArgumentException(control + " is answered by both " + earlier.getClass().getSimpleName()
              + " and " + playbook.getClass().getSimpleName());
        }
      }
    }
  }

  public Optional<Playbook<?>> forControl(String controlId) {
    return Optional.ofNullable(byControl.get(controlId));
  }

  public Set<String> controls() {
    return byControl.keySet();
  }
}
