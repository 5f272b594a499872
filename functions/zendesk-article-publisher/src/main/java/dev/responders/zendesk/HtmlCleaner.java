package dev.responders.zendesk;

import java.util.ArrayList;
import java.util.List;
import org.owasp.html.Handler;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.HtmlSanitizer;
import org.owasp.html.HtmlStreamEventReceiver;
import org.owasp.html.HtmlStreamRenderer;
import org.owasp.html.PolicyFactory;

/**
 * Turns comment HTML into article HTML with OWASP's allow-list sanitizer: text formatting, paragraphs, lists,
 * headings, quotes, code and tables stay; links only to http(s), marked nofollow; everything else (script, style,
 * iframe, object, forms, images, event handlers, style attributes, javascript: and data: URLs) is dropped.
 * Personal data is redacted in the decoded text and attribute values the sanitizer lets through (so an address
 * written with character references is seen as the address it renders to). Each run of text between two tags is
 * redacted whole; an address split by markup ({@code jane<b>@</b>example.com}) is not recognised, which is one
 * reason articles start as drafts for an editor.
 */
final class HtmlCleaner {

  static final PolicyFactory POLICY = new HtmlPolicyBuilder()
      .allowElements("p", "br", "div", "span", "strong", "em", "b", "i", "u", "s", "sub", "sup", "code", "pre",
          "blockquote", "ul", "ol", "li", "h2", "h3", "h4", "hr", "table", "thead", "tbody", "tr", "th", "td")
      .allowElements("a")
      .allowAttributes("href").onElements("a")
      .allowUrlProtocols("https", "http")
      .requireRelNofollowOnLinks()
      .toFactory();

  private HtmlCleaner() {
  }

  /** Sanitized, redacted HTML; safe to put in an article body. */
  static String clean(String html, PersonalDataRedactor redactor) {
    StringBuilder out = new StringBuilder();
    HtmlStreamRenderer renderer = HtmlStreamRenderer.create(out, Handler.PROPAGATE, Handler.DO_NOTHING);
    HtmlSanitizer.sanitize(html == null ? "" : html, POLICY.apply(new Redacting(renderer, redactor)));
    // A second pass over our own output: redaction only replaces text, but nothing leaves here unsanitized.
    return POLICY.sanitize(out.toString());
  }

  /** Plain text of a title: no markup at all, personal data removed. */
  static String plainText(String text, PersonalDataRedactor redactor) {
    return redactor.redact(text == null ? "" : text).replaceAll("[\\p{Cntrl}&&[^\\t]]", " ").strip();
  }

  /** Buffers consecutive text so a pattern split into several text events is still seen whole. */
  private static final class Redacting implements HtmlStreamEventReceiver {

    private final HtmlStreamEventReceiver next;
    private final PersonalDataRedactor redactor;
    private final StringBuilder text = new StringBuilder();

    Redacting(HtmlStreamEventReceiver next, PersonalDataRedactor redactor) {
      this.next = next;
      this.redactor = redactor;
    }

    @Override
    public void openDocument() {
      next.openDocument();
    }

    @Override
    public void closeDocument() {
      flush();
      next.closeDocument();
    }

    @Override
    public void openTag(String elementName, List<String> attrs) {
      flush();
      List<String> redacted = new ArrayList<>(attrs.size());
      for (int i = 0; i < attrs.size(); i++) {
        redacted.add(i % 2 == 0 ? attrs.get(i) : redactor.redact(attrs.get(i)));
      }
      next.openTag(elementName, redacted);
    }

    @Override
    public void closeTag(String elementName) {
      flush();
      next.closeTag(elementName);
    }

    @Override
    public void text(String chunk) {
      text.append(chunk);
    }

    private void flush() {
      if (!text.isEmpty()) {
        next.text(redactor.redact(text.toString()));
        text.setLength(0);
      }
    }
  }
}
