package dev.responders.zendesk;

import dev.responders.zendesk.ZendeskModel.Comment;
import dev.responders.zendesk.ZendeskModel.Ticket;
import dev.responders.zendesk.ZendeskModel.User;
import java.util.List;

/**
 * Builds the article of a solved ticket: title from the subject; body from the question (the requester's first
 * public comment) and every public agent answer, each sanitized and redacted. Private notes never enter it.
 */
final class ArticleComposer {

  static final int MAX_TITLE = 255;

  private final PublisherConfig config;

  ArticleComposer(PublisherConfig config) {
    this.config = config;
  }

  ArticleDraft compose(Ticket ticket, List<Comment> comments, User requester) {
    PersonalDataRedactor redactor = PersonalDataRedactor.forRequester(requester.name());
    String title = HtmlCleaner.plainText(ticket.subject(), redactor);
    if (title.isEmpty()) {
      title = "Answer to support ticket " + ticket.id();
    }
    if (title.length() > MAX_TITLE) {
      title = title.substring(0, MAX_TITLE - 3) + "...";
    }
    StringBuilder body = new StringBuilder();
    comments.stream()
        .filter(c -> c.isPublic() && c.authorId() == ticket.requesterId())
        .findFirst()
        .ifPresent(question -> body.append("<h2>Question</h2>\n").append(HtmlCleaner.clean(question.htmlBody(),
            redactor)).append('\n'));
    List<Comment> answers = comments.stream().filter(c -> c.isPublic() && c.byStaff()).toList();
    if (!answers.isEmpty()) {
      body.append("<h2>Answer</h2>\n");
      for (Comment answer : answers) {
        body.append(HtmlCleaner.clean(answer.htmlBody(), redactor)).append('\n');
      }
    }
    return new ArticleDraft(title, body.toString().strip(), config.locale(), config.permissionGroupId(),
        config.userSegmentId(), config.draft(), List.of(PublisherConfig.ticketLabel(ticket.id())), answers.size());
  }
}
