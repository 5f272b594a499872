package dev.responders.securityhub.playbook;

import java.util.List;

/**
 * What a playbook found on a resource and would change.
 *
 * @param steps each step in words, as the finding's note and the result say it ("MinimumPasswordLength 8 -> 14")
 * @param state what was read, for {@link Playbook#apply}
 */
public record Plan<S>(List<String> steps, S state) {

  public static <S> Plan<S> compliant(S state) {
    return new Plan<>(List.of(), state);
  }

  public boolean isCompliant() {
    return steps.isEmpty();
  }
}
