package dev.responders.securityhub;

import dev.responders.securityhub.FindingOutcome.ResourceOutcome;
import dev.responders.securityhub.FindingOutcome.Status;
import java.util.List;
import java.util.stream.Collectors;

/** The note written on a finding: what was done or why not, within Security Hub's 512 characters. */
final class FindingNote {

  static final int MAX = 512;

  private FindingNote() {
  }

  static String of(String controlId, Status status, List<ResourceOutcome> resources) {
    String head = (controlId == null ? "unrecognised control" : controlId) + " " + headline(status);
    if (status == Status.ALREADY_COMPLIANT && resources.size() == 1) {
      return head;
    }
    head = head + ": ";
    // One resource is the finding's own: naming it would only make every note different, and findings with the
    // same note share one BatchUpdateFindings call (Security Hub allows 10 a second).
    String body = resources.size() == 1 ? what(resources.get(0))
        : resources.stream().map(r -> shortId(r.resourceId()) + ": " + what(r)).collect(Collectors.joining(" | "));
    return cut(head + body);
  }

  static String cut(String note) {
    return note.length() <= MAX ? note : note.substring(0, MAX - 3) + "...";
  }

  private static String headline(Status status) {
    return switch (status) {
      case REMEDIATED -> "remediated and verified";
      case ALREADY_COMPLIANT -> "already compliant, nothing changed";
      case WOULD_REMEDIATE -> "dry run (DryRun=true), nothing changed";
      case EXEMPT -> "not remediated (exempt)";
      case NO_PLAYBOOK -> "not remediated (no playbook)";
      case NOT_REMEDIABLE -> "not remediated";
      case ROLE_NOT_ASSUMED -> "not remediated (member account role not assumed)";
      case REFUSED -> "not handed over (refused)";
      case HANDED_OVER -> "handed over";
      case MISSING_PARAMETER -> "not remediated (parameter missing)";
      case FAILED -> "remediation FAILED, will be retried";
    };
  }

  private static String what(ResourceOutcome resource) {
    String steps = String.join("; ", resource.steps());
    String what = switch (resource.status()) {
      case REMEDIATED, HANDED_OVER -> steps;
      case WOULD_REMEDIATE -> "would " + steps;
      case ALREADY_COMPLIANT -> "compliant";
      default -> resource.detail() + (steps.isEmpty() ? "" : " (planned: " + steps + ")");
    };
    return what;
  }

  /** The resource part of an ARN: the account and service are the finding's own. */
  private static String shortId(String id) {
    int colon = id.lastIndexOf(':');
    return id.startsWith("arn:") && colon >= 0 ? id.substring(colon + 1) : id;
  }
}
