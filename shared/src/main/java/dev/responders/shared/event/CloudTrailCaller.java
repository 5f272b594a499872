package dev.responders.shared.event;

/**
 * Who made a call, from a CloudTrail record's {@code userIdentity}.
 *
 * @param arn     {@code userIdentity.arn}, or its {@code type} when there is none (an AWS service), else "unknown"
 * @param roleArn the role behind an assumed-role session ({@code sessionContext.sessionIssuer.arn}), or null: the
 *                way to recognise a function's own calls, since the session name is the caller's to choose
 */
public record CloudTrailCaller(String arn, String roleArn) {

  /** Reads {@code userIdentity} of a CloudTrail record's detail; a missing object is named in the error. */
  public static CloudTrailCaller of(FieldReader detail) {
    FieldReader identity = detail.object("userIdentity");
    String arn = identity.optionalText("arn").orElse(identity.optionalText("type").orElse("unknown"));
    String roleArn = null;
    if (identity.has("sessionContext")) {
      FieldReader session = identity.object("sessionContext");
      if (session.has("sessionIssuer")) {
        roleArn = session.object("sessionIssuer").optionalText("arn").orElse(null);
      }
    }
    return new CloudTrailCaller(arn, roleArn);
  }
}
