package dev.responders.isolation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.shared.error.InvalidEventException;
import dev.responders.shared.event.CloudTrailCall;
import dev.responders.shared.event.EventBridgeEvent;
import dev.responders.shared.event.FieldReader;
import dev.responders.shared.text.Excerpt;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A CloudTrail record of an EC2 call that can reopen an isolated instance, as EventBridge delivers it ("AWS API
 * Call via CloudTrail" from {@code aws.ec2}), reduced to who called and which resources the call named.
 *
 * @param callerArn       {@code userIdentity.arn} (or its type when there is none), as told to the responders
 * @param callerRoleArn   the role behind an assumed-role session ({@code sessionContext.sessionIssuer.arn}), or
 *                        null: how the suite's own calls are recognised (never the session name, which the caller
 *                        chooses)
 * @param errorCode       present when the call failed: it changed nothing
 * @param instanceIds     instances the call named (request or response)
 * @param interfaceIds    network interfaces the call named
 * @param associationIds  instance profile associations the call named
 * @param openedGroupIds  the security group a rule was added to (AuthorizeSecurityGroupIngress/Egress)
 * @param taggedGroupIds  security groups whose tags were created or deleted
 */
record ApiCallEvent(
    String eventId,
    String account,
    String region,
    String eventName,
    String callerArn,
    String callerRoleArn,
    String errorCode,
    List<String> instanceIds,
    List<String> interfaceIds,
    List<String> associationIds,
    List<String> openedGroupIds,
    List<String> taggedGroupIds) {

  static final String SOURCE = "aws.ec2";
  static final String DETAIL_TYPE = CloudTrailCall.DETAIL_TYPE;
  static final Set<String> WATCHED = Set.of("AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress",
      "CreateTags", "DeleteTags", "ModifyNetworkInterfaceAttribute", "ModifyInstanceAttribute",
      "AssociateIamInstanceProfile", "ReplaceIamInstanceProfileAssociation", "AssociateAddress");
  private static final Pattern INSTANCE = Pattern.compile("i-([0-9a-f]{8}|[0-9a-f]{17})");
  private static final Pattern INTERFACE = Pattern.compile("eni-([0-9a-f]{8}|[0-9a-f]{17})");
  private static final Pattern GROUP = Pattern.compile("sg-([0-9a-f]{8}|[0-9a-f]{17})");
  private static final Pattern ASSOCIATION = Pattern.compile("iip-assoc-([0-9a-f]{8}|[0-9a-f]{17})");

  /** Why a well-formed envelope is not a CloudTrail EC2 call, or empty when it is one. */
  static Optional<String> notAnEc2Call(EventBridgeEvent envelope) {
    return CloudTrailCall.notACallFrom(envelope, SOURCE);
  }

  /**
   * Reads the call; a field drift detection needs that is missing or of the wrong type gives an
   * {@link InvalidEventException} naming it. A failed or unwatched call is read only as far as its name.
   *
   * @param detailJson the event's {@code detail}, searched for the ids however deep the call nests them
   */
  static ApiCallEvent from(EventBridgeEvent envelope, JsonNode detailJson) {
    FieldReader detail = envelope.detail();
    CloudTrailCall call = CloudTrailCall.read(detail, "ec2.amazonaws.com", SOURCE);
    String eventName = call.eventName();
    String callerArn = call.callerArn();
    String roleArn = call.callerRoleArn();
    String errorCode = call.errorCode();
    if (errorCode != null || !WATCHED.contains(eventName)) {
      return new ApiCallEvent(envelope.id(), envelope.account(), envelope.region(), eventName, callerArn, roleArn,
          errorCode, List.of(), List.of(), List.of(), List.of(), List.of());
    }
    FieldReader request = detail.object("requestParameters");
    JsonNode calls = detailJson.path("requestParameters");
    JsonNode answers = detailJson.path("responseElements");
    List<String> opened = List.of();
    List<String> tagged = List.of();
    switch (eventName) {
      case "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress" -> {
        // The group itself, not the groups its new rules refer to (also called groupId, deeper down).
        String group = request.text("groupId");
        requireId(GROUP, group, request.pathOf("groupId"));
        opened = List.of(group);
      }
      case "CreateTags", "DeleteTags" -> {
        List<String> resources = request.object("resourcesSet").objects("items").stream()
            .map(item -> item.text("resourceId")).toList();
        tagged = resources.stream().filter(id -> GROUP.matcher(id).matches()).toList();
      }
      default -> { }
    }
    List<String> instances = ids(INSTANCE, calls, answers, "instanceId", "InstanceId");
    List<String> interfaces = ids(INTERFACE, calls, answers, "networkInterfaceId", "NetworkInterfaceId");
    List<String> associations = ids(ASSOCIATION, calls, answers, "associationId", "AssociationId");
    if (opened.isEmpty() && tagged.isEmpty() && instances.isEmpty() && interfaces.isEmpty()
        && associations.isEmpty() && !eventName.endsWith("Tags")) {
      throw new InvalidEventException(request.path(), "must name the instance, interface or association "
          + eventName + " changed; none found");
    }
    return new ApiCallEvent(envelope.id(), envelope.account(), envelope.region(), eventName, callerArn, roleArn,
        null, instances, interfaces, associations, opened, tagged);
  }

  private static void requireId(Pattern pattern, String id, String path) {
    if (!pattern.matcher(id).matches()) {
      throw new InvalidEventException(path, "must be an id like " + pattern.pattern() + ", got " + Excerpt.of(id));
    }
  }

  /** Every string value of the named fields, at any depth, that is an id of the kind. */
  private static List<String> ids(Pattern pattern, JsonNode request, JsonNode response, String... fields) {
    Set<String> found = new LinkedHashSet<>();
    for (JsonNode tree : List.of(request, response)) {
      for (String field : fields) {
        tree.findValues(field).stream().filter(JsonNode::isTextual).map(JsonNode::asText)
            .filter(id -> pattern.matcher(id).matches()).forEach(found::add);
      }
    }
    return List.copyOf(found);
  }

  /** The instance's ARN in the event's account and region, for conditions that name it. */
  String instanceArn(String instanceId) {
    return "arn:" + partition() + ":ec2:" + region + ":" + account + ":instance/" + instanceId;
  }

  /** The partition of the event's region, where its account's member role is. */
  String partition() {
    return region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
  }
}
