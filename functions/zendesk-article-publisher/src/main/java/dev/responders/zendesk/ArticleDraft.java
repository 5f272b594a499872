package dev.responders.zendesk;

import java.util.List;

/**
 * The article to create from one ticket: safe HTML, no personal data, labelled with the ticket.
 *
 * @param answers how many public agent comments the body holds
 */
public record ArticleDraft(String title, String body, String locale, long permissionGroupId, Long userSegmentId,
    boolean draft, List<String> labels, int answers) {

  public ArticleDraft {
    labels = List.copyOf(labels);
  }
}
