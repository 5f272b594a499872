package dev.responders.bluegreen;

import dev.responders.shared.audit.AuditLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParameterHistoryResponse;
import software.amazon.awssdk.services.ssm.model.ParameterHistory;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.PutParameterResponse;

/**
 * Reads and writes the live-colour parameter. Reading takes the parameter's history, not GetParameter: only the
 * history has each version's description, which is where a flip records its job, and it lets a retry find that
 * record even when a later flip has happened since.
 */
public final class MarkerStore {

  /** SSM's largest page of history. */
  private static final int PAGE = 50;

  private final SsmClient ssm;

  public MarkerStore(SsmClient ssm) {
    this.ssm = ssm;
  }

  /** The marker, or empty when no parameter has that name. */
  public Optional<LiveMarker> read(String name, AuditLog audit) {
    List<LiveMarker.Version> versions = new ArrayList<>();
    String token = null;
    try {
      do {
        String page = token;
        GetParameterHistoryResponse response = ssm.getParameterHistory(r -> r.name(name).maxResults(PAGE).nextToken(page));
        for (ParameterHistory version : response.parameters()) {
          versions.add(new LiveMarker.Version(version.version(), version.value(), version.description()));
        }
        token = response.nextToken();
      } while (token != null && !token.isEmpty());
    } catch (ParameterNotFoundException e) {
      return Optional.empty();
    } catch (SdkException e) {
      audit.failed("ssm:GetParameterHistory", name, null, e);
      throw e;
    }
    return versions.isEmpty() ? Optional.empty() : Optional.of(new LiveMarker(name, versions));
  }

  /**
   * Overwrites the value with {@code colour}, recording {@code origin} in the same call. Type is left out so the
   * parameter keeps the type it was created with.
   */
  public long write(LiveMarker marker, Colour colour, FlipOrigin origin, AuditLog audit) {
    String description = origin.description(colour);
    Map<String, Object> before = Map.of("value", marker.value(), "version", marker.current().version());
    PutParameterResponse response;
    try {
      response = ssm.putParameter(r -> r.name(marker.name())
          .value(colour.value())
          .description(description)
          .overwrite(true));
    } catch (SdkException e) {
      audit.failed("ssm:PutParameter", marker.name(), before, e);
      throw e;
    }
    audit.changed("ssm:PutParameter", marker.name(), before,
        Map.of("value", colour.value(), "version", response.version(), "description", description), response);
    return response.version();
  }
}
