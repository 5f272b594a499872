package dev.responders.iamguard;

import java.util.List;
import java.util.Map;

/**
 * The HTML the approval endpoint answers with: the confirmation page (what is held, two buttons that POST) and the
 * result pages. Every value is escaped; the page loads nothing and may only be framed by nobody.
 */
final class ApprovalPage {

  /** No script, no external resource, forms only to this URL, never framed; the token is never sent on as a referrer. */
  static final Map<String, String> HEADERS = Map.of(
      "Content-Type", "text/html; charset=utf-8",
      "Cache-Control", "no-store",
      "Referrer-Policy", "no-referrer",
      "X-Content-Type-Options", "nosniff",
      "X-Frame-Options", "DENY",
      "Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self';"
          + " frame-ancestors 'none'; base-uri 'none'");

  private ApprovalPage() {
  }

  static String confirmation(ApprovalRecord record, String token) {
    HeldChange held = record.held();
    StringBuilder grants = new StringBuilder();
    for (Grant grant : held.grants()) {
      grants.append("<li>statement ").append(grant.statement())
          .append(grant.sid() == null ? "" : " (" + escape(grant.sid()) + ")").append(": ")
          .append(escape(grant.how())).append("</li>");
    }
    return page("Approve this IAM policy change?", "<p>Policy <code>" + escape(held.policyArn()) + "</code>, version <b>"
        + escape(held.heldVersionId()) + "</b>, written by <code>" + escape(held.caller()) + "</code> ("
        + escape(held.eventName()) + "), is held: the neutral version " + escape(held.neutralVersionId())
        + " is its default until you decide.</p><p>It grants restricted actions:</p><ul>" + grants + "</ul>"
        + "<p>This link expires at " + escape(record.expiresAt().toString()) + "; without a decision the held version"
        + " is deleted.</p>"
        + form(token, "approve", "Approve: restore " + escape(held.heldVersionId()) + " as the default")
        + form(token, "deny", "Deny: delete " + escape(held.heldVersionId())));
  }

  static String result(String title, String text) {
    return page(title, "<p>" + escape(text) + "</p>");
  }

  private static String form(String token, String decision, String label) {
    return "<form method=\"post\"><input type=\"hidden\" name=\"token\" value=\"" + escape(token) + "\">"
        + "<input type=\"hidden\" name=\"decision\" value=\"" + decision + "\">"
        + "<button type=\"submit\">" + label + "</button></form>";
  }

  private static String page(String title, String body) {
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
        + "</title></head><body><h1>" + escape(title) + "</h1>" + body + "</body></html>";
  }

  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  static List<String> decisions() {
    return List.of("approve", "deny");
  }
}
