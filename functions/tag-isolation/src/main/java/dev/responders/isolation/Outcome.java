package dev.responders.isolation;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What the responders are told, as the notification's {@code outcome} attribute that subscriptions filter on.
 * Not the result's status, nor the status tag's value: each of those says something else.
 */
enum Outcome {
  ISOLATED,
  ISOLATION_FAILED,
  /** The isolation tag was gone before the function ran: removed by someone, perhaps by the suspect. */
  SKIPPED_STALE,
  /** The instance has no interface in a VPC: nothing a security group can contain; nothing was changed. */
  NO_VPC_INTERFACE,
  RELEASED,
  RELEASE_FAILED,
  /** A later change reopened an isolated instance still tagged for isolation; it was contained again. */
  DRIFT_RECONTAINED,
  RECONTAINMENT_FAILED,
  /**
   * A later change touched an isolated instance that no longer carries the isolation tag, or an isolation group:
   * told, and where the group's rules were opened, closed again.
   */
  DRIFT_REPORTED;

  @JsonValue
  String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
