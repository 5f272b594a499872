package dev.responders.tools.bench;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkClient;

/** The SDK clients a bench seeds the emulator with, closed together when the bench is done. */
final class SeedClients implements AutoCloseable {

  private final List<SdkClient> clients = new ArrayList<>();

  <T extends SdkClient> T open(T client) {
    clients.add(client);
    return client;
  }

  @Override
  public void close() {
    clients.forEach(SdkClient::close);
    clients.clear();
  }
}
