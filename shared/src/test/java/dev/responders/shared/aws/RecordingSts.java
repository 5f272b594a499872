package dev.responders.shared.aws;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

/** Unit-test STS: records each AssumeRole request, answers with sessions lasting {@code lifetime}, or refuses. */
final class RecordingSts implements StsClient {

  final List<AssumeRoleRequest> requests = new ArrayList<>();
  Duration lifetime = Duration.ofMinutes(15);
  boolean refuse;

  @Override
  public AssumeRoleResponse assumeRole(AssumeRoleRequest request) {
    requests.add(request);
    if (refuse) {
      throw (StsException) StsException.builder().statusCode(403).message("not authorized to assume").build();
    }
    return AssumeRoleResponse.builder().credentials(Credentials.builder().accessKeyId("AKIA" + requests.size())
        .secretAccessKey("secret").sessionToken("token").expiration(Instant.now().plus(lifetime)).build()).build();
  }

  @Override
  public AssumeRoleResponse assumeRole(Consumer<AssumeRoleRequest.Builder> request) {
    return assumeRole(AssumeRoleRequest.builder().applyMutation(request).build());
  }

  @Override
  public String serviceName() {
    return "sts";
  }

  @Override
  public void close() {
  }
}
