package dev.responders.iamguard;

import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;

/**
 * Starts the approval workflow of one held change. The execution's name follows from the event and the held
 * version, and its input from what IAM holds, so a redelivered event or a Lambda retry starts nothing twice:
 * Step Functions returns the running execution for the same name and input.
 */
final class ApprovalWorkflow {

  private final SfnClient sfn;
  private final String stateMachineArn;

  ApprovalWorkflow(SfnClient sfn, String stateMachineArn) {
    this.sfn = sfn;
    this.stateMachineArn = stateMachineArn;
  }

  /** Starts (or finds) the execution; an SDK error propagates: the policy then stays held and the function fails. */
  String start(HeldChange held, AuditLog audit) {
    String name = executionName(held);
    String input = Json.write(held);
    try {
      var response = sfn.startExecution(r -> r.stateMachineArn(stateMachineArn).name(name).input(input));
      audit.changed("states:StartExecution", stateMachineArn, null, response.executionArn(), response);
      return response.executionArn();
    } catch (ExecutionAlreadyExistsException e) {
      String arn = stateMachineArn.replace(":stateMachine:", ":execution:") + ":" + name;
      audit.unchanged("states:StartExecution", stateMachineArn, arn, "the approval of this change already started");
      return arn;
    }
  }

  /**
   * At most 80 characters of letters, digits, - and _: the policy's name (cut to 40), the held version and a hash of
   * the account and the event id, so two changes of one policy get two executions and one change only one, and
   * policies of the same name in two accounts (organization mode) never share one.
   */
  static String executionName(HeldChange held) {
    String policyName = held.policyArn().substring(held.policyArn().lastIndexOf('/') + 1)
        .replaceAll("[^A-Za-z0-9_-]", "-");
    String cut = policyName.length() > 40 ? policyName.substring(0, 40) : policyName;
    return cut + "-" + held.heldVersionId() + "-" + sha256(held.account() + "/" + held.eventId()).substring(0, 16);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
