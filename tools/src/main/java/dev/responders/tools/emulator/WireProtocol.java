package dev.responders.tools.emulator;

import java.nio.charset.StandardCharsets;

/** The AWS wire protocols a request can be in, and how each names its operation and writes an error. */
enum WireProtocol {
  EC2, QUERY, JSON, REST_JSON, REST_XML;

  /** What an SDK request is, as far as the proxy needs to know: its protocol and operation. */
  record Call(WireProtocol protocol, String action) {
  }

  /**
   * JSON services name the operation in {@code X-Amz-Target} ({@code AmazonSSM.PutParameter}); query services in
   * the {@code Action} form field; REST services by method and path ({@code PATCH /findings/batchupdate}).
   */
  static Call of(String method, String path, String query, String target, String authorization, byte[] body) {
    if (target != null && !target.isBlank()) {
      return new Call(JSON, target.substring(target.lastIndexOf('.') + 1));
    }
    String action = formField("Action", new String(body, StandardCharsets.UTF_8));
    if (action == null && query != null) {
      action = formField("Action", query);
    }
    String service = signingService(authorization);
    if (action != null) {
      return new Call("ec2".equals(service) ? EC2 : QUERY, action);
    }
    return new Call("s3".equals(service) ? REST_XML : REST_JSON, method + " " + path);
  }

  /** The error body and content type this protocol's SDK unmarshaller reads the code and message from. */
  String errorBody(String code, String message) {
    String xmlMessage = message.replace("&", "&amp;").replace("<", "&lt;");
    return switch (this) {
      case EC2 -> "<Response><Errors><Error><Code>" + code + "</Code><Message>" + xmlMessage
          + "</Message></Error></Errors><RequestID>fault-proxy</RequestID></Response>";
      case QUERY -> "<ErrorResponse><Error><Type>Sender</Type><Code>" + code + "</Code><Message>" + xmlMessage
          + "</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>";
      case REST_XML -> "<Error><Code>" + code + "</Code><Message>" + xmlMessage
          + "</Message><RequestId>fault-proxy</RequestId></Error>";
      case JSON, REST_JSON -> "{\"__type\":\"" + code + "\",\"message\":\"" + message.replace("\"", "'") + "\"}";
    };
  }

  String contentType() {
    return switch (this) {
      case EC2, QUERY, REST_XML -> "text/xml";
      case JSON -> "application/x-amz-json-1.1";
      case REST_JSON -> "application/json";
    };
  }

  private static String formField(String name, String form) {
    for (String pair : form.split("&")) {
      if (pair.startsWith(name + "=")) {
        return java.net.URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  /** The service in a SigV4 credential scope: {@code Credential=AKID/20260101/us-east-1/ec2/aws4_request}. */
  private static String signingService(String authorization) {
    if (authorization == null) {
      return null;
    }
    int start = authorization.indexOf("Credential=");
    if (start < 0) {
      return null;
    }
    String[] scope = authorization.substring(start + "Credential=".length()).split("[,\\s]")[0].split("/");
    return scope.length >= 4 ? scope[3] : null;
  }
}
