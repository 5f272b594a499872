package dev.responders.iamguard;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.json.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * The approval link's endpoint (a function URL). A GET shows the confirmation page and changes nothing: mail
 * scanners open links. Only a POST of the page's form decides, and only with a token that is well-formed, signed by
 * the suite's key (403 otherwise), not expired (410) and not used (409: the record says decided, or Step Functions
 * says the task is closed). Approve sends the task success, deny its failure; the workflow does the rest.
 */
final class ApprovalEndpoint {

  static final int MAX_BODY_BYTES = 8 * 1024;

  private final ApprovalToken tokens;
  private final ApprovalRecordStore records;
  private final SfnClient sfn;
  private final Clock clock;

  ApprovalEndpoint(ApprovalToken tokens, ApprovalRecordStore records, SfnClient sfn, Clock clock) {
    this.tokens = tokens;
    this.records = records;
    this.sfn = sfn;
    this.clock = clock;
  }

  APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent request, AuditLog audit) {
    String method = request.getRequestContext() == null || request.getRequestContext().getHttp() == null ? ""
        : request.getRequestContext().getHttp().getMethod();
    try {
      if ("GET".equalsIgnoreCase(method)) {
        String token = request.getQueryStringParameters() == null ? null
            : request.getQueryStringParameters().get("token");
        return show(token, audit);
      }
      if ("POST".equalsIgnoreCase(method)) {
        return decide(request, audit);
      }
      return refuse(audit, 405, "Method not allowed", "method " + method + " is neither GET nor POST");
    } catch (SdkException e) {
      audit.failed("approval", "endpoint", null, e);
      return respond(503, ApprovalPage.result("Try again", "AWS is unavailable right now; nothing was decided."));
    }
  }

  private APIGatewayV2HTTPResponse show(String token, AuditLog audit) {
    Checked checked = check(token, audit);
    if (checked.refused != null) {
      return checked.refused;
    }
    audit.decision("show", checked.record.requestId(), "confirmation page shown; nothing decided");
    return respond(200, ApprovalPage.confirmation(checked.record, token));
  }

  private APIGatewayV2HTTPResponse decide(APIGatewayV2HTTPEvent request, AuditLog audit) {
    byte[] body = body(request);
    if (body == null || body.length > MAX_BODY_BYTES) {
      return refuse(audit, body == null ? 400 : 413, "Bad request", "body unreadable or over " + MAX_BODY_BYTES);
    }
    Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
    String decision = form.get("decision");
    if (!ApprovalPage.decisions().contains(decision)) {
      return refuse(audit, 400, "Bad request", "decision must be approve or deny");
    }
    Checked checked = check(form.get("token"), audit);
    if (checked.refused != null) {
      return checked.refused;
    }
    ApprovalRecord record = checked.record;
    String from = sourceIp(request);
    try {
      if ("approve".equals(decision)) {
        var response = sfn.sendTaskSuccess(r -> r.taskToken(record.taskToken())
            .output(Json.write(new TaskDecision("approve", "approval link from " + from))));
        audit.changed("states:SendTaskSuccess", record.requestId(), ApprovalRecord.PENDING, "approved", response);
      } else {
        var response = sfn.sendTaskFailure(r -> r.taskToken(record.taskToken()).error("Denied")
            .cause("denied through the approval link from " + from));
        audit.changed("states:SendTaskFailure", record.requestId(), ApprovalRecord.PENDING, "denied", response);
      }
    } catch (TaskTimedOutException | InvalidTokenException | TaskDoesNotExistException closed) {
      // A concurrent POST may have decided first: its record stands; only a record still pending says closed.
      if (records.find(record.requestId()).map(ApprovalRecord::pending).orElse(false)) {
        records.put(record.decided("closed", clock.instant(), from), audit);
      }
      return refuse(audit, 409, "Already decided", "the approval task is closed: " + closed.getClass().getSimpleName());
    }
    String status = "approve".equals(decision) ? "approved" : "denied";
    records.put(record.decided(status, clock.instant(), from), audit);
    audit.metric("approve".equals(decision) ? "ApprovalGiven" : "ApprovalRefused");
    return respond(200, ApprovalPage.result("approve".equals(decision) ? "Approved" : "Denied",
        "approve".equals(decision)
            ? record.held().heldVersionId() + " of " + record.held().policyArn() + " is being restored as the default."
            : record.held().heldVersionId() + " of " + record.held().policyArn() + " is being deleted; the policy"
                + " stays neutral."));
  }

  /** The approval task's output: what the workflow's Approve step reads as {@code $.approval}. */
  record TaskDecision(String decision, String decidedBy) {
  }

  private record Checked(ApprovalRecord record, APIGatewayV2HTTPResponse refused) {
  }

  private Checked check(String token, AuditLog audit) {
    Instant now = clock.instant();
    ApprovalToken.Check check = tokens.verify(token, now);
    if (check.refusal() != null) {
      return switch (check.refusal()) {
        case MALFORMED -> new Checked(null, refuse(audit, 400, "Bad request", "token missing or malformed"));
        case FORGED -> new Checked(null, refuse(audit, 403, "Forbidden", "token signature does not verify"));
        case EXPIRED -> new Checked(null, refuse(audit, 410, "Link expired", "token expired"));
      };
    }
    Optional<ApprovalRecord> record = records.find(check.verified().requestId());
    if (record.isEmpty()) {
      return new Checked(null, refuse(audit, 404, "Unknown request", "no approval record for the token"));
    }
    if (!record.get().pending()) {
      return new Checked(null, refuse(audit, 409, "Already decided", "the request is " + record.get().status()));
    }
    return new Checked(record.get(), null);
  }

  private static APIGatewayV2HTTPResponse refuse(AuditLog audit, int status, String title, String why) {
    audit.decision("reject", "approval", status + ": " + why);
    audit.metric("ApprovalRejected");
    return respond(status, ApprovalPage.result(title, status == 403 ? "This link is not valid." : why));
  }

  private static APIGatewayV2HTTPResponse respond(int status, String html) {
    return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(new HashMap<>(ApprovalPage.HEADERS))
        .withBody(html).build();
  }

  private static byte[] body(APIGatewayV2HTTPEvent request) {
    String body = request.getBody() == null ? "" : request.getBody();
    if (!request.getIsBase64Encoded()) {
      return body.getBytes(StandardCharsets.UTF_8);
    }
    try {
      return Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Map<String, String> form(String body) {
    Map<String, String> fields = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        fields.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return fields;
  }

  private static String sourceIp(APIGatewayV2HTTPEvent request) {
    return request.getRequestContext() == null || request.getRequestContext().getHttp() == null
        || request.getRequestContext().getHttp().getSourceIp() == null
        ? "an unknown address" : request.getRequestContext().getHttp().getSourceIp();
  }
}
