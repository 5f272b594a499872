package dev.responders.tools.emulator;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * Security Hub's BatchUpdateFindings, which moto lacks, as a WireMock stub for the demo and the benchmark: every
 * update is taken. A function reaches it through {@code AWS_ENDPOINT_URL_SECURITYHUB}.
 */
public final class SecurityHubDouble {

  public static final String BATCH_UPDATE = "/findings/batchupdate";

  private final WireMockServer server;

  public SecurityHubDouble(WireMockServer server) {
    this.server = server;
  }

  public SecurityHubDouble takesFindingUpdates() {
    server.stubFor(patch(urlEqualTo(BATCH_UPDATE))
        .willReturn(okJson("{\"ProcessedFindings\":[],\"UnprocessedFindings\":[]}")));
    return this;
  }

  /** The endpoint to give as {@code AWS_ENDPOINT_URL_SECURITYHUB}. */
  public String endpoint() {
    return WireMockPeer.endpointOf(server);
  }
}
