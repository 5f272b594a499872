package dev.responders.tools.template;

/**
 * One EventBridge rule as a deploy creates it.
 *
 * @param logicalId    the AWS::Events::Rule's logical id
 * @param eventBusName the bus it listens on: its EventBusName, or {@code default} where it names none
 * @param pattern      its event pattern, compact JSON
 */
public record EventRule(String logicalId, String eventBusName, String pattern) {

  public static final String DEFAULT_BUS = "default";
}
