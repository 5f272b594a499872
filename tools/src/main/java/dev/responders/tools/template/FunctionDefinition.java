package dev.responders.tools.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Lambda function as the template defines it, SAM Globals merged in and intrinsics resolved.
 *
 * @param codeUri     the folder (or S3 URI) of the code; null for a plain AWS::Lambda::Function
 * @param memorySize  MB, null when neither the function nor Globals set it (Lambda's default applies)
 * @param timeout     seconds, null when neither the function nor Globals set it
 * @param environment the function's environment variables, every value as a string
 */
public record FunctionDefinition(
    String logicalId,
    String handler,
    String codeUri,
    String runtime,
    Integer memorySize,
    Integer timeout,
    Map<String, String> environment) {

  public FunctionDefinition {
    environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
  }
}
