package dev.responders.shared.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.responders.shared.http.SaasHttp.Resend;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The retry rules against a real HTTP server on loopback that answers a scripted sequence. */
class SaasHttpTest {

  private record Answer(int status, String body, String retryAfter) {
  }

  private final Deque<Answer> script = new ArrayDeque<>();
  private final AtomicInteger received = new AtomicInteger();
  private final List<Duration> waits = new ArrayList<>();
  private HttpServer server;
  private SaasHttp http;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      received.incrementAndGet();
      Answer answer = script.isEmpty() ? new Answer(200, "{}", null) : script.poll();
      if (answer.retryAfter() != null) {
        exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
      }
      byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(answer.status(), body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    http = new SaasHttp("Peer", SaasHttp.client(), waits::add, Duration.ofSeconds(10),
        body -> body.replace("{\"error\":\"", "").replace("\"}", ""));
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private HttpRequest post() {
    return SaasHttp.request(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/things"), "Basic x",
        "test").POST(HttpRequest.BodyPublishers.ofString("{}")).build();
  }

  @Test
  void aRateLimitWaitsWhatThePeerAsksThenSucceeds() {
    script.add(new Answer(429, "{}", "3"));
    script.add(new Answer(201, "{\"id\":7}", null));

    HttpResponse<String> response = http.send(post(), Resend.ONLY_IF_NOT_SENT);

    assertThat(SaasHttp.json(response).path("id").asInt()).isEqualTo(7);
    assertThat(waits).containsExactly(Duration.ofSeconds(3));
    assertThat(received).hasValue(2);
  }

  @Test
  void aRateLimitLongerThanThePeerCanWaitFailsAtOnceAndSaysHowLong() {
    script.add(new Answer(429, "{}", "120"));

    assertThatThrownBy(() -> http.send(post(), Resend.ON_ANY_FAILURE))
        .isInstanceOfSatisfying(PeerUnavailableException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(120)))
        .hasMessage("POST /api/things was rate limited by Peer (Retry-After 120 s) after 1 attempt(s)");
    assertThat(waits).isEmpty();
  }

  @Test
  void aServerErrorIsSentAgainWithBackoffOnlyWhenResendingIsSafe() {
    for (int i = 0; i < SaasHttp.MAX_ATTEMPTS; i++) {
      script.add(new Answer(503, "{\"error\":\"Unavailable\"}", null));
    }
    assertThatThrownBy(() -> http.send(post(), Resend.ON_ANY_FAILURE))
        .hasMessage("POST /api/things failed with 503 after 4 attempt(s): Unavailable");
    assertThat(waits).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofMillis(1000));

    received.set(0);
    script.add(new Answer(503, "{\"error\":\"Unavailable\"}", null));
    assertThatThrownBy(() -> http.send(post(), Resend.ONLY_IF_NOT_SENT))
        .isInstanceOfSatisfying(PeerUnavailableException.class, e -> assertThat(e.retryAfter()).isEmpty())
        .hasMessage("POST /api/things failed with 503 after 1 attempt(s): Unavailable");
    assertThat(received).hasValue(1);
  }

  @Test
  void aRefusalIsReturnedToTheCallerUntried() {
    script.add(new Answer(422, "{\"error\":\"" + "x".repeat(400) + "\"}", null));

    HttpResponse<String> response = http.send(post(), Resend.ON_ANY_FAILURE);

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(http.error(response.body())).hasSize(303).endsWith("...");
    assertThat(received).hasValue(1);
  }

  @Test
  void aRequestThatNeverReachedThePeerIsSentAgainEvenWhenItCreates() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    HttpRequest refused = SaasHttp.request(URI.create("http://127.0.0.1:" + closedPort + "/api/things"), "Basic x",
        "test").POST(HttpRequest.BodyPublishers.ofString("{}")).build();

    assertThatThrownBy(() -> http.send(refused, Resend.ONLY_IF_NOT_SENT))
        .hasMessage("POST /api/things failed: ConnectException after 4 attempt(s)");
    assertThat(waits).hasSize(3);
  }

  @Test
  void aBodyThatIsNotJsonIsUnavailableNotAnAnswer() {
    script.add(new Answer(200, "<html>maintenance</html>", null));

    HttpResponse<String> response = http.send(post(), Resend.ON_ANY_FAILURE);

    assertThatThrownBy(() -> SaasHttp.json(response)).isInstanceOf(PeerUnavailableException.class)
        .hasMessage("POST /api/things answered 200 with a body that is not JSON");
  }
}
