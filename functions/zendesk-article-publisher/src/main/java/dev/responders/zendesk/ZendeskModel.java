package dev.responders.zendesk;

import java.util.List;

/** The parts of Zendesk's resources the publisher reads, as records. */
final class ZendeskModel {

  private ZendeskModel() {
  }

  /** {@code GET /api/v2/tickets/{id}.json}. */
  record Ticket(long id, String subject, String status, List<String> tags, long requesterId) {
    Ticket {
      tags = List.copyOf(tags);
    }
  }

  /**
   * One comment of {@code GET /api/v2/tickets/{id}/comments.json}; {@code authorRole} from the side-loaded users
   * ({@code end-user}, {@code agent}, {@code admin}).
   */
  record Comment(long id, long authorId, boolean isPublic, String htmlBody, String authorRole) {
    boolean byStaff() {
      return "agent".equals(authorRole) || "admin".equals(authorRole);
    }
  }

  /** {@code GET /api/v2/users/{id}.json}: only what redaction needs. */
  record User(long id, String name, String email) {
  }

  /** An article that exists in the help center. */
  record Article(long id, String htmlUrl, boolean draft) {
  }
}
