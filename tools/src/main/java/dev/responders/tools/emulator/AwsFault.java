package dev.responders.tools.emulator;

/**
 * An AWS error as the fault proxy answers it, with the error code each wire protocol uses for it (EC2's query
 * protocol, the other query services, JSON services), so the SDK turns it into the exception a real account
 * would raise.
 */
public record AwsFault(int status, String ec2Code, String queryCode, String jsonCode, String message) {

  /** IAM said no: what a missing permission, an SCP or a failed condition looks like. Not retried by the SDK. */
  public static AwsFault accessDenied() {
    return new AwsFault(403, "UnauthorizedOperation", "AccessDenied", "AccessDeniedException",
        "User is not authorized to perform this operation (injected by the fault proxy)");
  }

  /** The account's API rate was exceeded. The SDK retries it with backoff. */
  public static AwsFault throttling() {
    return new AwsFault(400, "RequestLimitExceeded", "Throttling", "ThrottlingException",
        "Rate exceeded (injected by the fault proxy)");
  }

  /** The service failed. The SDK retries it. */
  public static AwsFault serverError() {
    return new AwsFault(500, "InternalError", "InternalFailure", "InternalServerError",
        "We encountered an internal error (injected by the fault proxy)");
  }

  /** Any other error, with the same code on every protocol. */
  public static AwsFault of(int status, String code, String message) {
    return new AwsFault(status, code, code, code, message);
  }

  String code(WireProtocol protocol) {
    return switch (protocol) {
      case EC2 -> ec2Code;
      case QUERY, REST_XML -> queryCode;
      case JSON, REST_JSON -> jsonCode;
    };
  }
}
