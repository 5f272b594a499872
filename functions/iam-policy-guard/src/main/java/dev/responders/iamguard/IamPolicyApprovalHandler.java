package dev.responders.iamguard;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.aws.AwsClients;
import dev.responders.shared.error.InvalidEventException;
import dev.responders.shared.snapstart.Priming;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Entry point of the approval link's function URL (payload format 2.0, read as {@link APIGatewayV2HTTPEvent},
 * answered with an {@link APIGatewayV2HTTPResponse}). The URL takes no AWS auth: the administrator follows a link
 * from a message; {@link ApprovalEndpoint} checks the link's signed token instead.
 */
public final class IamPolicyApprovalHandler implements RequestStreamHandler {

  /** The Lambda event classes use camelCase properties, unlike the suite's snake_case JSON. */
  private static final ObjectMapper LAMBDA_EVENTS = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  /**
   * The priming requests: the link opened, then its form posted, with a well-formed token whose MAC is zeros. KMS
   * refuses the MAC, so each is answered 403 before any record is read or any task answered. The endpoint cannot
   * sign (its role has no kms:GenerateMac), so it cannot prime with a token that verifies.
   */
  private static final String PRIMING_TOKEN = "priming.4102444800." + "A".repeat(43);
  private static final String PRIMING_GET = """
      {"version":"2.0","routeKey":"$default","rawPath":"/","rawQueryString":"token=%1$s",
       "queryStringParameters":{"token":"%1$s"},"headers":{"user-agent":"priming"},
       "requestContext":{"requestId":"priming","http":{"method":"GET","path":"/","sourceIp":"127.0.0.1"}},
       "isBase64Encoded":false}
      """.formatted(PRIMING_TOKEN);
  private static final String PRIMING_POST = """
      {"version":"2.0","routeKey":"$default","rawPath":"/","headers":{"content-type":"application/x-www-form-urlencoded"},
       "requestContext":{"requestId":"priming","http":{"method":"POST","path":"/","sourceIp":"127.0.0.1"}},
       "body":"token=%s&decision=deny","isBase64Encoded":false}
      """.formatted(PRIMING_TOKEN);

  private final ApprovalEndpoint endpoint;
  private final ApprovalRecordStore records;
  /** Held only so CRaC, which keeps registered resources weakly, still finds it at checkpoint time. */
  private final Priming priming;

  /** Used by Lambda: configuration and clients built once per container, at init, then primed for SnapStart. */
  public IamPolicyApprovalHandler() {
    this(ApprovalConfig.forEndpoint(System.getenv()), AwsClients.build(SsmClient.builder()),
        AwsClients.build(KmsClient.builder()), AwsClients.build(SfnClient.builder()), Clock.systemUTC(), true);
  }

  IamPolicyApprovalHandler(ApprovalConfig config, SsmClient ssm, KmsClient kms, SfnClient sfn, Clock clock) {
    this(config, ssm, kms, sfn, clock, false);
  }

  private IamPolicyApprovalHandler(ApprovalConfig config, SsmClient ssm, KmsClient kms, SfnClient sfn, Clock clock,
      boolean prime) {
    this.records = new ApprovalRecordStore(ssm, config);
    this.endpoint = new ApprovalEndpoint(new ApprovalToken(kms, config.keyId()), records, sfn, clock);
    this.priming = prime ? Priming.register(this::warmUp) : null;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) {
    handle(input, output, null);
  }

  private void handle(InputStream input, OutputStream output, AuditLog quiet) {
    APIGatewayV2HTTPEvent request;
    try {
      request = LAMBDA_EVENTS.readValue(input, APIGatewayV2HTTPEvent.class);
    } catch (IOException e) {
      throw new InvalidEventException("$", "is not a function URL request (payload format 2.0)");
    }
    String requestId = request.getRequestContext() == null ? "unknown" : request.getRequestContext().getRequestId();
    APIGatewayV2HTTPResponse response = endpoint.handle(request, quiet != null ? quiet
        : AuditLog.toStandardOutput("iam-policy-approval", requestId));
    try {
      LAMBDA_EVENTS.writeValue(output, response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * SnapStart priming: both requests above (event reading, the token's KMS check, the refusal page, the response
   * written) with a silent audit, then the approval records' read for a request that cannot exist. Nothing is
   * written and no task is answered.
   */
  void warmUp() {
    for (String request : new String[] {PRIMING_GET, PRIMING_POST}) {
      handle(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), OutputStream.nullOutputStream(),
          new AuditLog("iam-policy-approval", "priming", line -> { }, Clock.systemUTC()));
    }
    try {
      records.find("priming");
    } catch (SdkException e) {
      // A warm-up that cannot reach AWS only costs speed.
    }
  }
}
