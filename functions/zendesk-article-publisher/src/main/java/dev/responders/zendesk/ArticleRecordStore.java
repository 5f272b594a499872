package dev.responders.zendesk;

import dev.responders.shared.audit.AuditLog;
import dev.responders.shared.json.Json;
import java.util.Optional;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.PutParameterResponse;

/**
 * The idempotency records of the publisher, one SSM parameter per ticket. The first claim is a create
 * ({@code Overwrite=false}), which SSM lets exactly one caller win: the partner event and the webhook of one
 * comment, racing, cannot both go on to create an article.
 */
final class ArticleRecordStore {

  private final SsmClient ssm;
  private final PublisherConfig config;

  ArticleRecordStore(SsmClient ssm, PublisherConfig config) {
    this.ssm = ssm;
    this.config = config;
  }

  Optional<ArticleRecord> find(long ticketId) {
    try {
      String value = ssm.getParameter(r -> r.name(config.recordParameterName(ticketId))).parameter().value();
      return Optional.of(Json.read(value, ArticleRecord.class));
    } catch (ParameterNotFoundException absent) {
      return Optional.empty();
    }
  }

  /** Creates the record; false when another delivery created one first. */
  boolean claim(ArticleRecord claim, AuditLog audit) {
    String name = config.recordParameterName(claim.ticketId());
    try {
      PutParameterResponse response = ssm.putParameter(r -> r.name(name).type("String").overwrite(false)
          .value(Json.write(claim)).description("Article made from Zendesk ticket " + claim.ticketId()));
      audit.changed("ssm:PutParameter", name, null, claim, response);
      return true;
    } catch (ParameterAlreadyExistsException taken) {
      audit.decision("claim-lost", name, "another delivery claimed ticket " + claim.ticketId() + " first");
      return false;
    }
  }

  /** Replaces the record: a takeover of a failed or expired claim, or the outcome of our own claim. */
  void replace(ArticleRecord before, ArticleRecord after, AuditLog audit) {
    String name = config.recordParameterName(after.ticketId());
    PutParameterResponse response = ssm.putParameter(r -> r.name(name).type("String").overwrite(true)
        .value(Json.write(after)));
    audit.changed("ssm:PutParameter", name, before, after, response);
  }
}
