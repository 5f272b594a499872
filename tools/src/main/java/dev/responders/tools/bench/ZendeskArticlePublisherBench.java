package dev.responders.tools.bench;

import dev.responders.tools.emulator.MotoServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ZendeskArticlePublisherFunction on Zendesk's partner event of an agent's public answer on a solved, tagged
 * ticket: each run reads the ticket from Zendesk (a WireMock double, as in the demo), composes the article and
 * creates it, recording it in SSM.
 */
final class ZendeskArticlePublisherBench implements FunctionBench {

  private final ZendeskPeer zendesk = new ZendeskPeer();

  @Override
  public String logicalId() {
    return "ZendeskArticlePublisherFunction";
  }

  @Override
  public List<String> events() {
    return List.of("zendesk-article-publisher/match/agent-answer-on-solved-ticket.json");
  }

  @Override
  public String reference() {
    return "zendesk_article_publisher.py";
  }

  @Override
  public String stateBetweenRuns() {
    return ZendeskPeer.STATE_BETWEEN_RUNS;
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
  public Run prepare(String event) {
    List<String> arguments = new ArrayList<>(zendesk.prepare());
    arguments.add("event=" + FunctionBench.sampleFile(event));
    return new Run(FunctionBench.sample(event), arguments);
  }

  @Override
  public void close() {
    zendesk.close();
  }
}
