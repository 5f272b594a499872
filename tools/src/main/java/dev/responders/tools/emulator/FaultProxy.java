package dev.responders.tools.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * An HTTP proxy in front of the emulator that makes chosen AWS actions fail the way AWS fails them: IAM
 * denials the emulator does not enforce, throttling, service errors, calls that hang. Everything else is
 * forwarded unchanged. It counts every request per action and what reached the emulator, in order.
 *
 * <pre>{@code
 * @ExtendWith({MotoExtension.class, FaultProxy.Extension.class})
 * class SomeFaultIT {
 *   @Test void retryFinishes(FaultProxy proxy) {
 *     proxy.fail("CreateSecurityGroup", AwsFault.accessDenied(), 1);
 *     ...
 *     assertThat(proxy.reached("CreateSecurityGroup")).isEqualTo(1);
 *   }
 * }
 * }</pre>
 *
 * <p>An action is the operation name for query and JSON services ({@code PutParameter}, {@code Publish}) and
 * {@code METHOD /path} for REST services ({@code PATCH /findings/batchupdate}).
 */
public final class FaultProxy implements AutoCloseable {

  /** Headers java.net.http sets itself and refuses to copy; hop-by-hop headers a proxy must not forward. */
  private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect",
      "upgrade", "transfer-encoding", "keep-alive", "date");

  private final HttpServer server;
  private final ExecutorService workers;
  private final URI upstream;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, Fault> faults = new ConcurrentHashMap<>();
  private final Map<String, Runnable> interleaved = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
  private final List<String> reached = new ArrayList<>();

  private FaultProxy(HttpServer server, ExecutorService workers, URI upstream) {
    this.server = server;
    this.workers = workers;
    this.upstream = upstream;
  }

  /** Starts a proxy on a free loopback port that forwards to {@code upstream} (the emulator). */
  public static FaultProxy inFrontOf(URI upstream) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
      ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "fault-proxy");
        thread.setDaemon(true);
        return thread;
      });
      FaultProxy proxy = new FaultProxy(server, workers, upstream);
      server.createContext("/", proxy::handle);
      server.setExecutor(workers);
      server.start();
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the fault proxy", e);
    }
  }

  /** The URL to point AWS clients at instead of the emulator. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The next {@code times} requests of {@code action} are answered with {@code fault}; none reaches the emulator. */
  public void fail(String action, AwsFault fault, int times) {
    faults.put(action, new Fault(fault, null, new AtomicInteger(times)));
  }

  /** Every request of {@code action} is answered with {@code fault} until {@link #heal}. */
  public void failAlways(String action, AwsFault fault) {
    fail(action, fault, Integer.MAX_VALUE);
  }

  /**
   * The next {@code times} requests of {@code action} are held for {@code delay}, then forwarded: a call that
   * outlives the client's timeout may still have happened, as on AWS.
   */
  public void hang(String action, Duration delay, int times) {
    faults.put(action, new Fault(null, delay, new AtomicInteger(times)));
  }

  /**
   * When the next request of {@code action} arrives, runs {@code meanwhile} first, then forwards the request: the
   * way to show what happens when someone else (a concurrent invocation, an attacker) acts between a handler's
   * read and its write. Runs once.
   */
  public void interleave(String action, Runnable meanwhile) {
    interleaved.put(action, meanwhile);
  }

  /** Stops injecting faults into {@code action}. */
  public void heal(String action) {
    faults.remove(action);
  }

  /** How many requests of {@code action} arrived, answered with a fault or forwarded. */
  public int attempts(String action) {
    AtomicInteger count = attempts.get(action);
    return count == null ? 0 : count.get();
  }

  /** How many requests of {@code action} reached the emulator. */
  public int reached(String action) {
    synchronized (reached) {
      return (int) reached.stream().filter(action::equals).count();
    }
  }

  /** Every action that reached the emulator, in the order it arrived. */
  public List<String> reachedInOrder() {
    synchronized (reached) {
      return List.copyOf(reached);
    }
  }

  /** Forgets every fault and count. */
  public void reset() {
    faults.clear();
    interleaved.clear();
    attempts.clear();
    synchronized (reached) {
      reached.clear();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      URI uri = exchange.getRequestURI();
      WireProtocol.Call call = WireProtocol.of(exchange.getRequestMethod(), uri.getPath(), uri.getRawQuery(),
          exchange.getRequestHeaders().getFirst("X-Amz-Target"),
          exchange.getRequestHeaders().getFirst("Authorization"), body);
      attempts.computeIfAbsent(call.action(), a -> new AtomicInteger()).incrementAndGet();
      Fault fault = faults.get(call.action());
      if (fault != null && fault.remaining().getAndDecrement() > 0) {
        if (fault.error() != null) {
          answer(exchange, call.protocol(), fault.error());
          return;
        }
        sleep(fault.delay());
      }
      Runnable meanwhile = interleaved.remove(call.action());
      if (meanwhile != null) {
        meanwhile.run();
      }
      synchronized (reached) {
        reached.add(call.action());
      }
      forward(exchange, uri, body);
    }
  }

  private void answer(HttpExchange exchange, WireProtocol protocol, AwsFault fault) throws IOException {
    String code = fault.code(protocol);
    byte[] body = protocol.errorBody(code, fault.message()).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", protocol.contentType());
    exchange.getResponseHeaders().set("x-amzn-ErrorType", code);
    exchange.getResponseHeaders().set("x-amzn-RequestId", "fault-proxy");
    exchange.sendResponseHeaders(fault.status(), body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private void forward(HttpExchange exchange, URI uri, byte[] body) throws IOException {
    URI target = upstream.resolve(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(60))
        .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    exchange.getRequestHeaders().forEach((name, values) -> {
      if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
        values.forEach(value -> request.header(name, value));
      }
    });
    HttpResponse<InputStream> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while forwarding " + target, e);
    }
    response.headers().map().forEach((name, values) -> {
      if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
        exchange.getResponseHeaders().put(name, values);
      }
    });
    byte[] answer;
    try (InputStream in = response.body()) {
      answer = in.readAllBytes();
    }
    boolean noBody = answer.length == 0 || "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : answer.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    }
  }

  private static void sleep(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private record Fault(AwsFault error, Duration delay, AtomicInteger remaining) {
  }

  /**
   * Puts a fault proxy between this test class's AWS clients and the emulator of {@link MotoExtension} (register
   * it after that one), fresh before each test. A test method or constructor may take the {@link FaultProxy}.
   */
  public static final class Extension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
      ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(FaultProxy.class);

    @Override
    public void beforeAll(ExtensionContext context) {
      MotoServer moto = MotoExtension.server(context);
      FaultProxy proxy = context.getStore(NAMESPACE)
          .getOrComputeIfAbsent(FaultProxy.class, type -> inFrontOf(moto.endpoint()), FaultProxy.class);
      LocalAwsSettings.useEndpoint(proxy.endpoint().toString());
    }

    @Override
    public void afterAll(ExtensionContext context) {
      LocalAwsSettings.useEndpoint(MotoExtension.server(context).endpoint().toString());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
      proxy(context).reset();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == FaultProxy.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return proxy(context);
    }

    private static FaultProxy proxy(ExtensionContext context) {
      return context.getStore(NAMESPACE).get(FaultProxy.class, FaultProxy.class);
    }
  }
}
