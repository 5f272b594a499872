package dev.responders.iamguard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The actions an administrator must approve before a policy may grant them ({@code RestrictedActions}), and the
 * judgement of a document against them with IAM's semantics: every Allow statement; {@code Action} grants each
 * action its patterns match, {@code NotAction} every action none of its patterns match; wildcards on both sides;
 * no regard to case. Deny statements grant nothing (an explicit deny of an action elsewhere in the same policy does
 * not make a grant safe: another policy may be the one that is attached without it).
 */
record RestrictedActions(List<ActionPattern> patterns) {

  /** A comma-separated list such as {@code s3:DeleteBucket,organizations:*}. */
  static RestrictedActions parse(String commaSeparated) {
    List<ActionPattern> patterns = Arrays.stream(commaSeparated.split(","))
        .map(String::strip).filter(s -> !s.isEmpty()).map(ActionPattern::of).toList();
    return new RestrictedActions(patterns);
  }

  /** Every (statement, restricted pattern) pair where the statement grants some action of the pattern. */
  List<Grant> grantedBy(PolicyDocument document) {
    List<Grant> grants = new ArrayList<>();
    for (PolicyDocument.Statement statement : document.statements()) {
      if (!statement.allow()) {
        continue;
      }
      for (ActionPattern restricted : patterns) {
        if (statement.notAction()) {
          boolean excluded = statement.patterns().stream().anyMatch(p -> p.covers(restricted));
          if (!excluded) {
            grants.add(new Grant(statement.index(), statement.sid(), restricted.text(),
                "NotAction " + statement.patterns() + " leaves " + restricted + " allowed"));
          }
        } else {
          statement.patterns().stream().filter(p -> p.overlaps(restricted)).findFirst().ifPresent(p ->
              grants.add(new Grant(statement.index(), statement.sid(), restricted.text(),
                  "Action " + p + " grants " + restricted)));
        }
      }
    }
    return List.copyOf(grants);
  }
}
