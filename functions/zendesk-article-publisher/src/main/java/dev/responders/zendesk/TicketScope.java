package dev.responders.zendesk;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The ticket-level conditions of publishing: solved, and every required tag present (an AND, checked here). */
final class TicketScope {

  private TicketScope() {
  }

  static Optional<String> outOfScopeReason(long ticketId, String status, List<String> tags, PublisherConfig config) {
    if (!"solved".equals(status.toLowerCase(Locale.ROOT))) {
      return Optional.of("ticket " + ticketId + " is " + status.toLowerCase(Locale.ROOT) + ", not solved");
    }
    List<String> missing = config.requiredTags().stream().filter(tag -> !tags.contains(tag)).toList();
    if (!missing.isEmpty()) {
      return Optional.of("ticket " + ticketId + " lacks the required tag(s) " + missing + " (has " + tags + ")");
    }
    return Optional.empty();
  }
}
