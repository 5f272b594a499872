package dev.responders.tools.bench;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.responders.tools.account.NotificationInbox;
import dev.responders.tools.emulator.WireMockPeer;
import dev.responders.tools.emulator.ZendeskDouble;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * What both Zendesk benches seed, as the demo's chapter does: Zendesk as a WireMock double holding the solved,
 * tagged ticket, the secret responders/zendesk pointing at it, the responders' topic; before each run the ticket's
 * article record is deleted, so each run publishes the article anew.
 */
final class ZendeskPeer implements AutoCloseable {

  static final String SIGNING_SECRET = "bench-webhook-signing-secret";
  private static final String SECRET = "responders/zendesk";
  private static final String RECORD = "/responders/zendesk/articles/" + ZendeskDouble.TICKET;
  private static final long PERMISSION_GROUP = 360000222;

  static final String STATE_BETWEEN_RUNS = "re-seeded: the ticket's article record (" + RECORD + ") is deleted"
      + " before each run, so each run reads the ticket, its comments and requester and creates the article (Zendesk"
      + " is a WireMock double that answers every run alike)";

  private final SeedClients clients = new SeedClients();
  private WireMockServer server;
  private ZendeskDouble zendesk;
  private SsmClient ssm;
  private String topicArn;

  void seed() {
    if (server == null) {
      server = WireMockPeer.startLocal();
      zendesk = new ZendeskDouble(server).solvedTicket();
    }
    clients.open(SecretsManagerClient.create()).createSecret(r -> r.name(SECRET)
        .secretString(zendesk.secret(SIGNING_SECRET)));
    topicArn = NotificationInbox.create(clients.open(SnsClient.create()), clients.open(SqsClient.create()),
        "ResponderNotificationsTopic").topicArn();
    ssm = clients.open(SsmClient.create());
  }

  /** The template's Zendesk parameters the demo passes (the section articles go to, who may edit them). */
  Map<String, String> environment() {
    return Map.of("ZENDESK_SECTION_ID", String.valueOf(ZendeskDouble.SECTION),
        "ZENDESK_PERMISSION_GROUP_ID", String.valueOf(PERMISSION_GROUP));
  }

  /** Deletes the ticket's record; returns the reference's arguments. */
  List<String> prepare() {
    try {
      ssm.deleteParameter(r -> r.name(RECORD));
    } catch (ParameterNotFoundException firstRun) {
      // nothing to delete
    }
    server.resetRequests();  // WireMock keeps every request it saw: 200 warm runs would pile them up
    return List.of("secret=" + SECRET, "record=" + RECORD, "topic=" + topicArn,
        "section=" + ZendeskDouble.SECTION, "permission_group=" + PERMISSION_GROUP);
  }

  @Override
  public void close() {
    clients.close();
    if (server != null) {
      server.stop();
    }
  }
}
