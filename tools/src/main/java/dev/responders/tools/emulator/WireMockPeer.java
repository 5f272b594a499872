package dev.responders.tools.emulator;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import software.amazon.awssdk.core.SdkClient;

/**
 * A WireMock server per test class, reset before each test, for the AWS operations moto lacks and for SaaS
 * peers. Test methods and constructors may take the {@link WireMockServer} as a parameter; it listens on
 * {@code http://127.0.0.1:<port()>}, the URL to give a SaaS client.
 *
 * <p>To send one AWS service's calls to it, annotate the class, e.g. {@code @WireMockPeer.ForService(
 * SecurityHubClient.class)}: for that class's tests the SDK's service-specific system property
 * ({@code aws.endpointUrlSecurityHub}) points at WireMock; it wins over {@code aws.endpointUrl}, so the other
 * services keep using moto when {@link MotoExtension} is also registered. The property's previous value is
 * restored after the class; {@code @Nested} classes share their enclosing class's server.
 *
 * <p>SDK 2.40.2 ({@code AwsClientEndpointProvider}) takes the first of: an explicit endpointOverride,
 * {@code aws.endpointUrl<Service>}, {@code aws.endpointUrl}, {@code AWS_ENDPOINT_URL_<SERVICE>},
 * {@code AWS_ENDPOINT_URL}, the profile. So once {@code aws.endpointUrl} is set, only the service's system
 * property, not its environment variable, can send one service elsewhere.
 */
public final class WireMockPeer implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

  /** The services whose SDK clients should talk to WireMock during this test class. */
  @Target(ElementType.TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  public @interface ForService {
    /** The synchronous client interfaces, e.g. {@code SecurityHubClient.class}, {@code CodePipelineClient.class}. */
    Class<? extends SdkClient>[] value();
  }

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(WireMockPeer.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    // Stored in the class's context, so JUnit closes it (AutoCloseable) when the class is done.
    context.getStore(NAMESPACE).getOrComputeIfAbsent(Peer.class, type -> Peer.start(servicesOf(context)), Peer.class);
    LocalAwsSettings.useTestRegionAndCredentials();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    server(context).resetAll();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == WireMockServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return server(context);
  }

  /**
   * The system property the SDK reads for one service's endpoint: {@code aws.endpointUrl} followed by the client
   * interface's name without {@code Client} ({@code SsmClient} → {@code aws.endpointUrlSsm}), which is the
   * name the SDK's generated client builders pass to {@code AwsClientEndpointProvider}.
   */
  public static String endpointProperty(Class<? extends SdkClient> client) {
    String name = client.getSimpleName();
    if (!client.isInterface() || !name.endsWith("Client") || name.endsWith("AsyncClient")) {
      throw new IllegalArgumentException(client.getName() + " is not a synchronous SDK client interface"
          + " such as SecurityHubClient");
    }
    return "aws.endpointUrl" + name.substring(0, name.length() - "Client".length());
  }

  /** A WireMock server started on a free port of 127.0.0.1, for a tool (the demo, the benchmark) to stub. */
  public static WireMockServer startLocal() {
    WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
    return server;
  }

  /**
   * The server's URL. Not server.baseUrl(): that names localhost, which may resolve to ::1 while WireMock listens
   * on 127.0.0.1.
   */
  public static String endpointOf(WireMockServer server) {
    return "http://127.0.0.1:" + server.port();
  }

  private static WireMockServer server(ExtensionContext context) {
    return context.getStore(NAMESPACE).get(Peer.class, Peer.class).server();
  }

  private static List<Class<? extends SdkClient>> servicesOf(ExtensionContext context) {
    return AnnotationSupport.findAnnotation(context.getRequiredTestClass(), ForService.class)
        .map(annotation -> Arrays.asList(annotation.value()))
        .orElse(List.of());
  }

  private record Peer(WireMockServer server, Map<String, String> previousProperties) implements AutoCloseable {

    static Peer start(List<Class<? extends SdkClient>> services) {
      WireMockServer server = startLocal();
      String endpoint = endpointOf(server);
      Map<String, String> previous = new LinkedHashMap<>();
      for (Class<? extends SdkClient> service : services) {
        String property = endpointProperty(service);
        previous.put(property, System.getProperty(property));
        System.setProperty(property, endpoint);
      }
      return new Peer(server, previous);
    }

    @Override
    public void close() {
      previousProperties.forEach((property, value) -> {
        if (value == null) {
          System.clearProperty(property);
        } else {
          System.setProperty(property, value);
        }
      });
      server.stop();
    }
  }
}
