package dev.responders.securityhub.playbook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responders.securityhub.FindingResource;
import dev.responders.securityhub.jira.JiraApi;
import dev.responders.securityhub.jira.JiraCredentials;
import dev.responders.securityhub.jira.JiraSecret;
import dev.responders.securityhub.playbook.JiraIssuePlaybook.Ticket;
import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Custom action SendToJira: one Jira issue per finding, in the project JiraProjectKey, labelled with the finding's
 * mark ({@code securityhub-<hex>}) and found again by that label (JQL), so a redelivery or a second pick of the action
 * creates none. The note carries the issue key; the finding stays NOTIFIED (a person works the issue).
 */
public final class JiraIssuePlaybook implements Handover<Ticket> {

  static final String LABEL_PREFIX = "securityhub-";
  static final int MAX_SUMMARY = 255;

  private final JiraApi jira;
  private final JiraSecret secret;
  private final String projectKey;

  public JiraIssuePlaybook(JiraApi jira, JiraSecret secret, String projectKey) {
    this.jira = jira;
    this.secret = secret;
    this.projectKey = projectKey;
  }

  /** The Jira site, the finding's label, and its issue when there is one already. */
  public record Ticket(JiraCredentials site, String label, String existingKey) {
  }

  @Override
  public Set<String> controls() {
    return Set.of();
  }

  @Override
  public Optional<String> missingParameter() {
    return projectKey == null ? Optional.of("JiraProjectKey") : Optional.empty();
  }

  @Override
  public boolean actsInAccount() {
    return false;
  }

  @Override
  public boolean oncePerFinding() {
    return true;
  }

  @Override
  public Plan<Ticket> plan(Target target) {
    JiraCredentials site = secret.get();
    String label = LABEL_PREFIX + target.findingMark();
    String key = jira.issueLabelled(site, projectKey, label).orElse(null);
    Ticket ticket = new Ticket(site, label, key);
    return key != null ? Plan.compliant(ticket) : new Plan<>(List.of("create a Jira issue in " + projectKey), ticket);
  }

  @Override
  public Optional<String> heldBy(Plan<Ticket> plan) {
    return Optional.ofNullable(plan.state().existingKey()).map(key -> "Jira issue " + key + " (opened earlier)");
  }

  @Override
  public String handOver(Target target, Plan<Ticket> plan, AuditLog audit) {
    Ticket ticket = plan.state();
    String key = jira.createIssue(ticket.site(), fields(target, ticket), projectKey, ticket.label());
    audit.changed("jira:CreateIssue", target.findingId(), null, key + " in " + projectKey, null);
    return "created Jira issue " + key;
  }

  /** Summary, description (Atlassian Document Format, one paragraph a line), type, labels. */
  ObjectNode fields(Target target, Ticket ticket) {
    var finding = target.finding();
    String control = target.controlId() == null ? "Security Hub" : target.controlId();
    String summary = "[" + control + "] " + (finding.title().isBlank() ? finding.generatorId() : finding.title());
    List<String> lines = new ArrayList<>();
    lines.add("Security Hub finding " + finding.id());
    lines.add("Control: " + control + (finding.severity().isBlank() ? "" : ", severity " + finding.severity()));
    lines.add("Account " + finding.awsAccountId() + ", generator " + finding.generatorId());
    for (FindingResource resource : finding.resources()) {
      lines.add("Resource: " + resource.type() + " " + resource.id() + " (" + resource.region() + ")");
    }
    lines.add("Opened by aws-event-responders (SendToJira); the label " + ticket.label() + " ties it to the finding.");
    ObjectNode fields = Json.MAPPER.createObjectNode();
    fields.putObject("project").put("key", projectKey);
    fields.putObject("issuetype").put("name", ticket.site().issueType());
    fields.put("summary", summary.length() <= MAX_SUMMARY ? summary : summary.substring(0, MAX_SUMMARY - 3) + "...");
    ObjectNode doc = fields.putObject("description").put("type", "doc").put("version", 1);
    ArrayNode content = doc.putArray("content");
    for (String line : lines) {
      content.addObject().put("type", "paragraph").putArray("content").addObject().put("type", "text")
          .put("text", line);
    }
    fields.putArray("labels").add("security-hub").add(ticket.label());
    return fields;
  }
}
