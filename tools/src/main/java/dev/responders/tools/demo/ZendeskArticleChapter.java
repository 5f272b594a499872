package dev.responders.tools.demo;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.responders.tools.account.SampleEvents;
import dev.responders.tools.emulator.MotoServer;
import dev.responders.tools.emulator.WireMockPeer;
import dev.responders.tools.emulator.ZendeskDouble;
import dev.responders.tools.invoke.LocalInvoker;
import dev.responders.tools.invoke.LocalInvoker.Invocation;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The demo's zendesk-article-publisher chapter: WireMock plays Zendesk (a solved, tagged ticket with a private
 * note and personal data in it), the secret lives in the emulator's Secrets Manager with its baseUrl pointing at
 * WireMock, and events/zendesk-article-publisher is replayed through both functions as bin/invoke runs them.
 */
final class ZendeskArticleChapter {

  static final String PUBLISHER = "ZendeskArticlePublisherFunction";
  static final String WEBHOOK = "ZendeskWebhookFunction";
  private static final String EVENTS = "zendesk-article-publisher";
  private static final String SIGNING_SECRET = "demo-webhook-signing-secret";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root;
  private final PrintStream out;

  ZendeskArticleChapter(Path root, PrintStream out) {
    this.root = root;
    this.out = out;
  }

  void run(MotoServer moto) throws Exception {
    WireMockServer zendesk = WireMockPeer.startLocal();
    try (SecretsManagerClient secrets = SecretsManagerClient.create()) {
      ZendeskDouble peer = new ZendeskDouble(zendesk).solvedTicket();
      secrets.createSecret(r -> r.name("responders/zendesk").secretString(peer.secret(SIGNING_SECRET)));

      out.println();
      out.println("== zendesk-article-publisher: an agent answers ticket " + ZendeskDouble.TICKET
          + " publicly and solves it ==");
      out.println("Zendesk (WireMock at " + peer.baseUrl() + ") holds the ticket: the requester's question with"
          + " her phone and e-mail, a private note, the public answer. The secret responders/zendesk is in the"
          + " emulator.");

      List<String> nearMisses = new ArrayList<>();
      try (var files = Files.list(SampleEvents.folder(EVENTS).resolve("no-match"))) {
        files.map(f -> "no-match/" + f.getFileName()).sorted().forEach(nearMisses::add);
      }
      nearMisses.add("match/guide-tag-missing.json");
      for (String sample : nearMisses) {
        publisher(sample, moto);
      }
      publisher("match/agent-answer-on-solved-ticket.json", moto);
      var posts = zendesk.findAll(postRequestedFor(urlPathEqualTo(ZendeskDouble.articlesPath())));
      if (!posts.isEmpty()) {
        JsonNode article = JSON.readTree(posts.get(0).getBodyAsString()).get("article");
        out.println("  Zendesk received the article (draft " + article.get("draft") + "): \""
            + article.get("title").asText() + "\"");
        article.get("body").asText().lines().forEach(line -> out.println("    " + line));
      }

      out.println();
      out.println("The Zendesk webhook of the same comment (signed now), then a forged one:");
      String request = SampleEvents.read(EVENTS, "webhook/comment-added.json");
      webhook(ZendeskDouble.signedNow(request, SIGNING_SECRET), moto);
      webhook(ZendeskDouble.signedNow(request, "not-the-signing-secret"), moto);
      out.println();
      out.println("Redelivery of the partner event:");
      publisher("match/agent-answer-on-solved-ticket.json", moto);
      int created = zendesk.findAll(postRequestedFor(urlPathEqualTo(ZendeskDouble.articlesPath()))).size();
      out.println("  zendesk: " + created + " article create request(s) for ticket " + ZendeskDouble.TICKET);
    } finally {
      zendesk.stop();
    }
  }

  private void publisher(String sample, MotoServer moto) throws Exception {
    JsonNode result = invoke(PUBLISHER, SampleEvents.read(EVENTS, sample), "events/" + EVENTS + "/" + sample, moto);
    if (result != null) {
      out.println("  status: " + result.path("status").asText() + detail(result));
    }
  }

  private void webhook(String request, MotoServer moto) throws Exception {
    JsonNode response = invoke(WEBHOOK, request, "<signed webhook request>", moto);
    if (response != null) {
      JsonNode body = JSON.readTree(response.path("body").asText("{}"));
      out.println("  HTTP " + response.path("statusCode").asInt() + (body.has("status")
          ? ", status: " + body.get("status").asText() + detail(body) : ": " + body.path("error").asText()));
    }
  }

  private static String detail(JsonNode result) {
    String reason = result.path("reason").asText("");
    String article = result.has("article_id") ? "article " + result.get("article_id").asText() : "";
    String both = reason.isEmpty() ? article : reason;
    return both.isEmpty() ? "" : " (" + both + ")";
  }

  /** Runs the function through the local invoker; null (after printing why) when it failed. */
  private JsonNode invoke(String function, String event, String shown, MotoServer moto) throws Exception {
    Path eventFile = Files.createTempFile("event-", ".json");
    Path result = Files.createTempFile("result-", ".json");
    try {
      Files.writeString(eventFile, event);
      Invocation invocation = Invocation.parse(new String[] {function, eventFile.toString(),
              "--param", "ZendeskSectionId=" + ZendeskDouble.SECTION, "--param", "ZendeskPermissionGroupId=360000222"})
          .withEnvironment(moto.processEnvironment());
      out.println();
      out.println("> bin/invoke " + function + " " + shown);
      int status = LocalInvoker.run(invocation, root, ProcessBuilder.Redirect.to(result.toFile()),
          ProcessBuilder.Redirect.INHERIT);
      if (status != 0) {
        throw new IllegalStateException(function + " failed on " + shown + " (exit " + status + ")");
      }
      return JSON.readTree(result.toFile());
    } finally {
      Files.deleteIfExists(eventFile);
      Files.deleteIfExists(result);
    }
  }
}
