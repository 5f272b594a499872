package dev.responders.ami;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterHistory;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/** Reads the emulator's Parameter Store of one region (and account), as a template or a person would. */
final class ParameterStoreReader implements AutoCloseable {

  private final SsmClient ssm;

  private ParameterStoreReader(SsmClient ssm) {
    this.ssm = ssm;
  }

  /** The test account's store in {@code region}. */
  static ParameterStoreReader in(String region) {
    return new ParameterStoreReader(SsmClient.builder().region(Region.of(region)).build());
  }

  /** Another account's store, through a role assumed there (the emulator keeps accounts apart by credentials). */
  static ParameterStoreReader in(String region, String account, String role) {
    try (StsClient sts = StsClient.create()) {
      Credentials credentials = sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + account + ":role/" + role)
          .roleSessionName("test-reader")).credentials();
      AwsCredentialsProvider provider = StaticCredentialsProvider.create(AwsSessionCredentials.create(
          credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken()));
      return new ParameterStoreReader(SsmClient.builder().region(Region.of(region)).credentialsProvider(provider)
          .build());
    }
  }

  Optional<Parameter> get(String name) {
    try {
      return Optional.of(ssm.getParameter(r -> r.name(name)).parameter());
    } catch (ParameterNotFoundException e) {
      return Optional.empty();
    }
  }

  String value(String name) {
    return get(name).orElseThrow(() -> new AssertionError("no parameter " + name)).value();
  }

  long version(String name) {
    return get(name).orElseThrow(() -> new AssertionError("no parameter " + name)).version();
  }

  List<ParameterHistory> history(String name) {
    return ssm.getParameterHistory(r -> r.name(name)).parameters();
  }

  Map<String, String> tags(String name) {
    Map<String, String> tags = new LinkedHashMap<>();
    ssm.listTagsForResource(r -> r.resourceType(ResourceTypeForTagging.PARAMETER).resourceId(name)).tagList()
        .forEach(tag -> tags.put(tag.key(), tag.value()));
    return tags;
  }

  /** What a person or a pipeline might have put there by hand. */
  void put(String name, String value) {
    ssm.putParameter(r -> r.name(name).value(value).type("String"));
  }

  @Override
  public void close() {
    ssm.close();
  }
}
