package dev.responders.shared.event;

import dev.responders.shared.error.InvalidEventException;
import dev.responders.shared.text.Excerpt;
import java.util.Optional;

/**
 * What every CloudTrail record EventBridge delivers ("AWS API Call via CloudTrail") says of its call: which
 * call, who made it, and whether it failed.
 *
 * @param eventName     the API action
 * @param callerArn     {@code userIdentity.arn}, or its {@code type} when there is none (an AWS service), else
 *                      "unknown"
 * @param callerRoleArn the role behind an assumed-role session ({@code sessionContext.sessionIssuer.arn}), or
 *                      null: the way to recognise a function's own calls, since the session name is the caller's
 *                      to choose
 * @param errorCode     present when the call failed (it changed nothing), else null
 */
public record CloudTrailCall(String eventName, String callerArn, String callerRoleArn, String errorCode) {

  public static final String DETAIL_TYPE = "AWS API Call via CloudTrail";

  /** Why a well-formed envelope is not a CloudTrail call of {@code source}, or empty when it is one. */
  public static Optional<String> notACallFrom(EventBridgeEvent envelope, String source) {
    if (source.equals(envelope.source()) && DETAIL_TYPE.equals(envelope.detailType())) {
      return Optional.empty();
    }
    return Optional.of("event is " + Excerpt.of(envelope.detailType()) + " from " + Excerpt.of(envelope.source())
        + ", not '" + DETAIL_TYPE + "' from " + source);
  }

  /**
   * Reads the call from an event's detail, which must come from {@code eventSource}; a missing or mistyped field
   * gives an {@link InvalidEventException} naming it.
   *
   * @param source the EventBridge source the rule matched, named in the error
   */
  public static CloudTrailCall read(FieldReader detail, String eventSource, String source) {
    String actual = detail.text("eventSource");
    if (!eventSource.equals(actual)) {
      throw new InvalidEventException(detail.pathOf("eventSource"), "must be " + eventSource + " for source "
          + source + ", got " + Excerpt.of(actual));
    }
    String eventName = detail.text("eventName");
    FieldReader identity = detail.object("userIdentity");
    String arn = identity.optionalText("arn").orElse(identity.optionalText("type").orElse("unknown"));
    String roleArn = null;
    if (identity.has("sessionContext")) {
      FieldReader session = identity.object("sessionContext");
      if (session.has("sessionIssuer")) {
        roleArn = session.object("sessionIssuer").optionalText("arn").orElse(null);
      }
    }
    return new CloudTrailCall(eventName, arn, roleArn, detail.optionalText("errorCode").orElse(null));
  }
}
