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
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
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

  private final ApprovalEndpoint endpoint;

  public IamPolicyApprovalHandler() {
    this(ApprovalConfig.forEndpoint(System.getenv()), AwsClients.build(SsmClient.builder()),
        AwsClients.build(KmsClient.builder()), AwsClients.build(SfnClient.builder()), Clock.systemUTC());
  }

  IamPolicyApprovalHandler(ApprovalConfig config, SsmClient ssm, KmsClient kms, SfnClient sfn, Clock clock) {
    this.endpoint = new ApprovalEndpoint(new ApprovalToken(kms, config.keyId()), new ApprovalRecordStore(ssm, config),
        sfn, clock);
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) {
    APIGatewayV2HTTPEvent request;
    try {
      request = LAMBDA_EVENTS.readValue(input, APIGatewayV2HTTPEvent.class);
    } catch (IOException e) {
      throw new InvalidEventException("$", "is not a function URL request (payload format 2.0)");
    }
    String requestId = request.getRequestContext() == null ? "unknown" : request.getRequestContext().getRequestId();
    APIGatewayV2HTTPResponse response = endpoint.handle(request, AuditLog.toStandardOutput("iam-policy-approval",
        requestId));
    try {
      LAMBDA_EVENTS.writeValue(output, response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
