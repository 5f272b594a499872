package dev.responders.shared.audit;

import java.time.Instant;

/**
 * One AWS mutation or one decision, as written to the audit trail.
 *
 * @param kind      {@code mutation} or {@code decision}
 * @param handler   the function that acted, e.g. {@code tag-isolation}
 * @param eventId   the id of the event that caused it
 * @param action    the AWS API action (mutations) or the decision taken (decisions)
 * @param target    what was acted on (instance id, interface id, parameter name...)
 * @param before    the state before, as the handler read it
 * @param after     the state after
 * @param outcome   {@code changed}, {@code unchanged}, {@code failed}, {@code skipped}
 * @param requestId the AWS request id of the mutating call
 * @param detail    why (decisions, skips) or the error (failures)
 */
public record AuditRecord(
    Instant time,
    String kind,
    String handler,
    String eventId,
    String action,
    String target,
    Object before,
    Object after,
    String outcome,
    String requestId,
    String detail) {
}
