package dev.responders.tools.bench;

import dev.responders.tools.emulator.MotoServer;
import dev.responders.tools.emulator.ZendeskDouble;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ZendeskWebhookFunction on Zendesk's webhook of the same comment, signed at the moment of each run: the signature
 * is checked against the secret's signing key, then the article is published as by the partner event.
 */
final class ZendeskWebhookBench implements FunctionBench {

  private final ZendeskPeer zendesk = new ZendeskPeer();
  /** The signed request the reference reads: one file, written again by each run's prepare. */
  private Path signed;

  @Override
  public String logicalId() {
    return "ZendeskWebhookFunction";
  }

  @Override
  public List<String> events() {
    return List.of("zendesk-article-publisher/webhook/comment-added.json");
  }

  @Override
  public String reference() {
    return "zendesk_webhook.py";
  }

  @Override
  public String stateBetweenRuns() {
    return ZendeskPeer.STATE_BETWEEN_RUNS + "; the request is signed anew for each run (the signature's timestamp"
        + " must be recent)";
  }

  @Override
  public void seed(MotoServer moto) {
    zendesk.seed();
  }

  @Override
  public Map<String, String> environment() {
    return zendesk.environment();
  }

  @Override
  public Run prepare(String event) throws IOException {
    List<String> arguments = new ArrayList<>(zendesk.prepare());
    String request = ZendeskDouble.signedNow(FunctionBench.sample(event), ZendeskPeer.SIGNING_SECRET);
    if (signed == null) {
      signed = Files.createTempFile("bench-webhook-", ".json");
    }
    Files.writeString(signed, request);
    arguments.add("request=" + signed);
    return new Run(request, arguments);
  }

  @Override
  public void close() {
    zendesk.close();
    if (signed != null) {
      signed.toFile().delete();
    }
  }
}
