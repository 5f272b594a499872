package dev.responders.zendesk;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.responders.shared.audit.AuditRecord;
import dev.responders.shared.notify.Delivery;
import java.util.List;
import java.util.Locale;

/**
 * What one delivery did, returned by both functions.
 *
 * @param status     what happened to the ticket
 * @param reason     why nothing was created (skipped, already published)
 * @param articleId  the ticket's article (created now or before)
 * @param draft      whether the created article is a draft
 * @param changes    every mutation made (Zendesk article, idempotency record, notification)
 * @param notification whether the responders were told about the article; null when there was nothing to tell
 */
public record PublishResult(Status status, Long ticketId, String reason, Long articleId, String articleUrl,
    Boolean draft, List<AuditRecord> changes, Delivery notification) {

  public enum Status {
    /** An article was created from the ticket. */
    PUBLISHED,
    /** The ticket already has its article; it was left as it is (editors may have changed it). */
    ALREADY_PUBLISHED,
    /** Out of scope: private note, not solved, a required tag missing, no agent answer; {@code reason} says which. */
    SKIPPED;

    /** Written into results as {@code published}, {@code already-published}, {@code skipped}, like the suite's. */
    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  public PublishResult {
    changes = List.copyOf(changes);
  }

  static PublishResult skipped(Long ticketId, String reason) {
    return new PublishResult(Status.SKIPPED, ticketId, reason, null, null, null, List.of(), null);
  }

  PublishResult withNotification(Delivery delivery, List<AuditRecord> allChanges) {
    return new PublishResult(status, ticketId, reason, articleId, articleUrl, draft, allChanges, delivery);
  }
}
