package dev.responders.tools.template;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to read a template: the {@code --parameter-overrides} of a deploy and the account it would deploy to.
 *
 * @param parameterOverrides values that replace parameter defaults, by parameter name
 * @param region             {@code AWS::Region}
 * @param accountId          {@code AWS::AccountId}
 */
public record TemplateOptions(Map<String, String> parameterOverrides, String region, String accountId) {

  public static final String DEFAULT_ACCOUNT_ID = "123456789012";
  public static final String DEFAULT_REGION = "us-east-1";
  /** {@code AWS::StackName}. */
  public static final String STACK_NAME = "aws-event-responders";

  public TemplateOptions {
    parameterOverrides = Map.copyOf(parameterOverrides);
    if (region == null || region.isBlank()) {
      throw new IllegalArgumentException("region is required");
    }
    if (accountId == null || !accountId.matches("\\d{12}")) {
      throw new IllegalArgumentException("accountId must be 12 digits, got " + accountId);
    }
  }

  /** No overrides, the region of {@code AWS_REGION} (else us-east-1), account 123456789012. */
  public static TemplateOptions defaults() {
    String region = System.getenv("AWS_REGION");
    return new TemplateOptions(Map.of(), region == null || region.isBlank() ? DEFAULT_REGION : region,
        DEFAULT_ACCOUNT_ID);
  }

  public TemplateOptions withParameter(String name, String value) {
    Map<String, String> overrides = new LinkedHashMap<>(parameterOverrides);
    overrides.put(name, value);
    return new TemplateOptions(overrides, region, accountId);
  }

  public TemplateOptions withParameters(Map<String, String> values) {
    Map<String, String> overrides = new LinkedHashMap<>(parameterOverrides);
    overrides.putAll(values);
    return new TemplateOptions(overrides, region, accountId);
  }

  public TemplateOptions withRegion(String newRegion) {
    return new TemplateOptions(parameterOverrides, newRegion, accountId);
  }

  public TemplateOptions withAccountId(String newAccountId) {
    return new TemplateOptions(parameterOverrides, region, newAccountId);
  }

  /** {@code AWS::Partition} of the region. */
  public String partition() {
    if (region.startsWith("cn-")) {
      return "aws-cn";
    }
    return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
  }
}
