package dev.responders.iamguard;

import dev.responders.shared.aws.Arn;
import dev.responders.shared.error.InvalidEventException;
import dev.responders.shared.event.CloudTrailCall;
import dev.responders.shared.event.EventBridgeEvent;
import dev.responders.shared.event.FieldReader;
import dev.responders.shared.text.Excerpt;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A CloudTrail record of an IAM call that may change what a managed policy grants, as EventBridge delivers it
 * ({@code AWS API Call via CloudTrail} from {@code aws.iam}), reduced to the policy and the version the call made
 * the default.
 *
 * @param eventId       the EventBridge event id
 * @param account       the account of the event
 * @param eventName     {@code CreatePolicy}, {@code CreatePolicyVersion} or {@code SetDefaultPolicyVersion}
 * @param errorCode     present when the call failed (nothing changed then)
 * @param callerArn     {@code userIdentity.arn}, as reported to the administrator
 * @param callerRoleArn the role behind an assumed-role session ({@code sessionContext.sessionIssuer.arn}), or null
 * @param policyArn     the managed policy's ARN, or null when the call failed before naming one
 * @param versionId     the version the call made the default, or null when it made none
 */
record PolicyChangeEvent(
    String eventId,
    String account,
    String eventName,
    String errorCode,
    String callerArn,
    String callerRoleArn,
    String policyArn,
    String versionId) {

  static final String SOURCE = "aws.iam";
  static final String DETAIL_TYPE = CloudTrailCall.DETAIL_TYPE;
  static final Set<String> WATCHED = Set.of("CreatePolicy", "CreatePolicyVersion", "SetDefaultPolicyVersion");
  private static final Pattern VERSION_ID = Pattern.compile("v[1-9][0-9]{0,4}");

  /** Why a well-formed envelope is not a CloudTrail IAM call, or empty when it is one. */
  static Optional<String> notAnIamCall(EventBridgeEvent envelope) {
    return CloudTrailCall.notACallFrom(envelope, SOURCE);
  }

  /**
   * Reads the call; a field the guard needs that is missing or of the wrong type gives an
   * {@link InvalidEventException} naming it. A failed call is read only as far as its name and error.
   */
  static PolicyChangeEvent from(EventBridgeEvent envelope) {
    FieldReader detail = envelope.detail();
    CloudTrailCall call = CloudTrailCall.read(detail, "iam.amazonaws.com", SOURCE);
    String eventName = call.eventName();
    String callerArn = call.callerArn();
    String roleArn = call.callerRoleArn();
    String errorCode = call.errorCode();
    if (errorCode != null || !WATCHED.contains(eventName)) {
      return new PolicyChangeEvent(envelope.id(), envelope.account(), eventName, errorCode, callerArn, roleArn,
          null, null);
    }
    FieldReader request = detail.object("requestParameters");
    String policyArn;
    String versionId;
    switch (eventName) {
      case "CreatePolicy" -> {
        FieldReader policy = detail.object("responseElements").object("policy");
        policyArn = policyArn(policy, "arn");
        versionId = version(policy, "defaultVersionId");
      }
      case "CreatePolicyVersion" -> {
        policyArn = policyArn(request, "policyArn");
        boolean setAsDefault = request.optionalBoolean("setAsDefault").orElse(false);
        versionId = setAsDefault
            ? version(detail.object("responseElements").object("policyVersion"), "versionId") : null;
      }
      default -> {
        policyArn = policyArn(request, "policyArn");
        versionId = version(request, "versionId");
      }
    }
    return new PolicyChangeEvent(envelope.id(), envelope.account(), eventName, null, callerArn, roleArn, policyArn,
        versionId);
  }

  private static String policyArn(FieldReader object, String field) {
    String text = object.text(field);
    Arn arn = Arn.parse(text, object.pathOf(field));
    if (!"iam".equals(arn.service()) || !arn.resource().startsWith("policy/")) {
      throw new InvalidEventException(object.pathOf(field), "must be an IAM managed policy ARN, got "
          + Excerpt.of(text));
    }
    return text;
  }

  private static String version(FieldReader object, String field) {
    String text = object.text(field);
    if (!VERSION_ID.matcher(text).matches()) {
      throw new InvalidEventException(object.pathOf(field), "must be a policy version id such as v2, got "
          + Excerpt.of(text));
    }
    return text;
  }
}
