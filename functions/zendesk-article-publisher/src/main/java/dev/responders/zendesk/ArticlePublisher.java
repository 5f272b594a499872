package dev.responders.zendesk;

import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.error.NotificationFailedException;
import dev.responders.shared.error.RemediationIncompleteException;
import dev.responders.shared.json.Json;
import dev.responders.shared.notify.Delivery;
import dev.responders.shared.notify.Notifier;
import dev.responders.zendesk.ArticleRecord.State;
import dev.responders.zendesk.ZendeskModel.Article;
import dev.responders.zendesk.ZendeskModel.Comment;
import dev.responders.zendesk.ZendeskModel.Ticket;
import dev.responders.zendesk.ZendeskModel.User;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Publishes a solved ticket's answers as one help-center article, whichever input delivered the comment and however
 * often. Steps: scope from the event; the ticket's record (published: leave the article alone); the ticket as
 * Zendesk has it now (still solved, still tagged); an article already labelled with the ticket (made by an attempt
 * that died before recording it); compose; claim; create; record.
 *
 * <p>Once the article exists the responders are told (suite topic, outcome {@code draft-created} or
 * {@code published}); a notification that could not be sent is owed: the record says so, the invocation fails,
 * and the retry, finding the article, sends it.
 *
 * <p>A second event for a ticket that has its article (another comment, a redelivery, the other input) leaves that
 * article as it is: it is a draft an editor may already have rewritten, and automation must not undo the edit.
 */
public final class ArticlePublisher {

  /** The name notifications carry (attribute {@code handler}), whichever function published. */
  static final String HANDLER = "zendesk-article-publisher";

  private final PublisherConfig config;
  private final CredentialsSource credentials;
  private final ZendeskApi zendesk;
  private final ArticleRecordStore records;
  private final ArticleComposer composer;
  private final Notifier notifier;
  private final Clock clock;

  ArticlePublisher(PublisherConfig config, CredentialsSource credentials, ZendeskApi zendesk,
      ArticleRecordStore records, Notifier notifier, Clock clock) {
    this.config = config;
    this.credentials = credentials;
    this.zendesk = zendesk;
    this.records = records;
    this.composer = new ArticleComposer(config);
    this.notifier = notifier;
    this.clock = clock;
  }

  public PublishResult publish(TicketCommentEvent event, AuditLog audit) {
    try {
      return publishOnce(event, audit);
    } catch (ZendeskApiException e) {
      if (e.status() == 401) {
        // The token was refused: it may have been rotated since this container read the secret.
        credentials.forget();
      }
      audit.decision("report", "ticket/" + event.ticketId(), e.getMessage());
      throw e;
    }
  }

  private PublishResult publishOnce(TicketCommentEvent event, AuditLog audit) {
    String target = "ticket/" + event.ticketId();
    String owner = event.eventId() + "#" + UUID.randomUUID();
    Optional<String> outOfScope = event.outOfScopeReason(config);
    if (outOfScope.isPresent()) {
      audit.decision("skip", target, outOfScope.get());
      return PublishResult.skipped(event.ticketId(), outOfScope.get());
    }
    Optional<ArticleRecord> record = records.find(event.ticketId());
    if (record.isPresent() && record.get().state() == State.PUBLISHED) {
      PublishResult done = alreadyPublished(event, record.get().articleId(), record.get().articleUrl(), audit);
      return record.get().notified() ? done : announce(record.get(), done, audit);
    }
    if (record.isPresent() && record.get().claimedWithinLease(clock.instant())) {
      audit.decision("wait", target, "delivery " + record.get().owner() + " is creating the article");
      throw new PublishInProgressException(event.ticketId(), record.get().owner());
    }

    ZendeskCredentials account = credentials.get();
    Ticket ticket = zendesk.ticket(account, event.ticketId());
    Optional<String> nowOutOfScope = TicketScope.outOfScopeReason(ticket.id(), ticket.status(), ticket.tags(), config);
    if (nowOutOfScope.isPresent()) {
      String reason = nowOutOfScope.get() + " (as Zendesk has it now)";
      audit.decision("skip", target, reason);
      return PublishResult.skipped(event.ticketId(), reason);
    }
    Optional<Article> labelled = zendesk.articleLabelled(account, PublisherConfig.ticketLabel(ticket.id()));
    if (labelled.isPresent()) {
      // Whoever made it may have died before telling anyone: the notification is owed until recorded as sent.
      ArticleRecord found = ArticleRecord.published(ticket.id(), owner, clock.instant(), labelled.get(),
          false);
      records.replace(record.orElse(null), found, audit);
      return announce(found, alreadyPublished(event, labelled.get().id(), labelled.get().htmlUrl(), audit), audit);
    }
    List<Comment> comments = zendesk.comments(account, ticket.id());
    User requester = zendesk.user(account, ticket.requesterId());
    ArticleDraft draft = composer.compose(ticket, comments, requester);
    if (draft.answers() == 0) {
      String reason = "ticket " + ticket.id() + " has no public answer by an agent";
      audit.decision("skip", target, reason);
      return PublishResult.skipped(event.ticketId(), reason);
    }

    ArticleRecord claim = ArticleRecord.creating(ticket.id(), owner, clock.instant());
    if (record.isEmpty()) {
      if (!records.claim(claim, audit)) {
        throw new PublishInProgressException(ticket.id(), "another delivery");
      }
    } else {
      records.replace(record.get(), claim, audit);
    }
    Article article;
    try {
      article = zendesk.createArticle(account, config.sectionId(), draft);
    } catch (RuntimeException e) {
      audit.failed("zendesk:CreateArticle", target, draft.title(), e);
      try {
        records.replace(claim, claim.failed(clock.instant()), audit);
      } catch (RuntimeException recordFailed) {
        // The claim then expires by itself; Zendesk's error is the one to report.
        e.addSuppressed(recordFailed);
      }
      throw e;
    }
    audit.changed("zendesk:CreateArticle", target, null, new CreatedArticle(article.id(), article.htmlUrl(),
        draft.title(), draft.draft(), config.sectionId()), null);
    Delivery delivery = notify(ticket.id(), article.id(), article.htmlUrl(), audit);
    ArticleRecord published = ArticleRecord.published(ticket.id(), owner, clock.instant(), article,
        delivery != Delivery.FAILED);
    try {
      records.replace(claim, published, audit);
    } catch (RuntimeException e) {
      // The article exists; a retry finds it by its label and records it, so nothing is created twice.
      audit.failed("ssm:PutParameter", config.recordParameterName(ticket.id()), claim, e);
      throw new RemediationIncompleteException("ssm:PutParameter", config.recordParameterName(ticket.id()),
          audit.changes(), e);
    }
    PublishResult result = new PublishResult(PublishResult.Status.PUBLISHED, ticket.id(), null, article.id(),
        article.htmlUrl(), draft.draft(), audit.changes(), delivery);
    if (delivery == Delivery.FAILED) {
      throw new NotificationFailedException(subject(ticket.id()), Json.write(result));
    }
    return result;
  }

  /** Sends the notification a recorded article still owes, then records it as sent. */
  private PublishResult announce(ArticleRecord record, PublishResult result, AuditLog audit) {
    Delivery delivery = notify(record.ticketId(), record.articleId(), record.articleUrl(), audit);
    if (delivery == Delivery.FAILED) {
      throw new NotificationFailedException(subject(record.ticketId()), Json.write(result));
    }
    records.replace(record, record.notifiedNow(), audit);
    return result.withNotification(delivery, audit.changes());
  }

  private Delivery notify(long ticketId, Long articleId, String url, AuditLog audit) {
    return notifier.notify(HANDLER, config.draft() ? "draft-created" : "published", subject(ticketId),
        new Announcement(ticketId, articleId, url, config.draft()), audit);
  }

  private String subject(long ticketId) {
    return (config.draft() ? "Help-center draft to review" : "Help-center article published")
        + " from Zendesk ticket " + ticketId;
  }

  /** Loads the composing and record-reading paths without a Zendesk call or a write (ticket 0 does not exist). */
  void warmUp() {
    composer.compose(new Ticket(0, "Priming", "solved", List.of(), 0),
        List.of(new Comment(1, 0, true, "<p>Mail a@b.example or call +1 415 555 0100</p>", "end-user"),
            new Comment(2, 1, true, "<p><a href=\"https://x.example\">answer</a><script>x</script></p>", "agent")),
        new User(0, "Priming Requester", "a@b.example"));
    records.find(0);
  }

  private PublishResult alreadyPublished(TicketCommentEvent event, Long articleId, String url, AuditLog audit) {
    String reason = "ticket " + event.ticketId() + " already has article " + articleId + "; left as it is";
    audit.decision("leave-alone", "ticket/" + event.ticketId(), reason);
    return new PublishResult(PublishResult.Status.ALREADY_PUBLISHED, event.ticketId(), reason, articleId, url, null,
        audit.changes(), null);
  }

  /** What the notification says: where the article is, not what it says. */
  record Announcement(long ticketId, Long articleId, String articleUrl, boolean draft) {
  }

  /** What the audit line of a created article shows (no body: it is the ticket's content). */
  record CreatedArticle(long articleId, String url, String title, boolean draft, long sectionId) {
  }
}
