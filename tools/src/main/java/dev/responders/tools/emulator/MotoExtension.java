package dev.responders.tools.emulator;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs the tests against one moto server for the whole test run, reset before each test.
 *
 * <p>Before the tests it sets the system properties the AWS SDK reads by itself: {@code aws.endpointUrl} (the
 * server), and {@code aws.region} = {@code us-east-1}, {@code aws.accessKeyId} / {@code aws.secretAccessKey} =
 * {@code testing} unless already set. Clients are then built with no endpoint override, as in the handlers.
 * A test method or constructor may take the {@link MotoServer} as a parameter.
 */
public final class MotoExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MotoExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    server(context).useInThisJvm();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    server(context).reset();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == MotoServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return server(context);
  }

  /**
   * The run's server, started on first use. It lives in the root context's store, which JUnit closes (an
   * AutoCloseable value is closed with its store) once the whole run is over.
   */
  static MotoServer server(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(MotoServer.class, type -> MotoServer.start(), MotoServer.class);
  }
}
