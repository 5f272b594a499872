package dev.responders.securityhub;

import dev.responders.shared.event.FieldReader;
import java.util.Map;

/**
 * One resource of a finding, as {@code Resources[]} names it: never read from {@code Details.Other}, whose field
 * paths changed over time.
 *
 * @param type      the ASFF resource type, e.g. {@code AwsIamUser}, {@code AwsAccount}
 * @param id        an ARN, or {@code AWS::::Account:<id>} for account-level controls
 * @param partition {@code aws}, {@code aws-us-gov}, {@code aws-cn}
 * @param region    where the resource lives
 * @param tags      the resource's tags as the finding reports them (empty when it has none)
 */
public record FindingResource(String type, String id, String partition, String region, Map<String, String> tags) {

  static FindingResource read(FieldReader resource) {
    return new FindingResource(
        resource.text("Type"),
        resource.text("Id"),
        resource.optionalText("Partition").orElse("aws"),
        resource.text("Region"),
        resource.has("Tags") ? resource.textMap("Tags") : Map.of());
  }

  /** An account-level resource ({@code AWS::::Account:<id>}): password policy controls. */
  public boolean isAccount() {
    return id.startsWith("AWS::::Account:");
  }
}
