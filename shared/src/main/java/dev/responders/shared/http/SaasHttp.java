package dev.responders.shared.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.shared.json.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Requests to a SaaS peer's JSON API (Zendesk, Jira) over the JDK's HTTP client, with the suite's retry rules:
 * 429 waits the peer's {@code Retry-After} (up to the peer's longest wait; longer fails so the event is retried
 * later), 5xx and I/O failures back off exponentially from {@link #FIRST_BACKOFF}, {@link #MAX_ATTEMPTS} attempts in
 * all. A request that creates something is sent again only when the peer cannot have acted on it
 * ({@link Resend#ONLY_IF_NOT_SENT}): a repeated create would duplicate the ticket or the article.
 */
public final class SaasHttp {

  public static final int MAX_ATTEMPTS = 4;
  public static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  private static final int MAX_ERROR_CHARS = 300;

  /** Waits between attempts; tests record the waits instead of sleeping. */
  @FunctionalInterface
  public interface Pause {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** Whether a request that failed with a 5xx or an I/O error may be sent again (429 always may: nothing was done). */
  public enum Resend { ON_ANY_FAILURE, ONLY_IF_NOT_SENT }

  private final String peer;
  private final HttpClient http;
  private final Pause pause;
  private final Duration maxWait;
  private final UnaryOperator<String> errorText;

  /**
   * @param peer      the peer's name in messages ("Zendesk")
   * @param maxWait   the longest {@code Retry-After} this peer's callers can afford to wait within one invocation
   * @param errorText reads the peer's error out of a response body (its own JSON shape)
   */
  public SaasHttp(String peer, HttpClient http, Pause pause, Duration maxWait, UnaryOperator<String> errorText) {
    this.peer = peer;
    this.http = http;
    this.pause = pause;
    this.maxWait = maxWait;
    this.errorText = errorText;
  }

  /** The client a container builds once: HTTP/1.1, connect timeout, no redirects (they could leave the peer). */
  public static HttpClient client() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** A request builder with the usual headers; {@code agent} names the function in the peer's logs. */
  public static HttpRequest.Builder request(java.net.URI uri, String authorization, String agent) {
    return HttpRequest.newBuilder(uri)
        .timeout(REQUEST_TIMEOUT)
        .header("Authorization", authorization)
        .header("Accept", "application/json")
        .header("User-Agent", "aws-event-responders/" + agent);
  }

  /**
   * Sends the request with its retries and returns the answer: a 2xx, or the peer's refusal (a 4xx other than 429),
   * which no retry would change. Throws {@link PeerUnavailableException} when the retries are spent.
   */
  public HttpResponse<String> send(HttpRequest request, Resend resend) {
    String what = what(request);
    Duration backoff = FIRST_BACKOFF;
    for (int attempt = 1; ; attempt++) {
      HttpResponse<String> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (IOException e) {
        boolean mayResend = resend == Resend.ON_ANY_FAILURE || e instanceof ConnectException;
        if (!mayResend || attempt >= MAX_ATTEMPTS) {
          throw new PeerUnavailableException(what + " failed: " + e.getClass().getSimpleName()
              + (mayResend ? " after " + attempt + " attempt(s)" : " (not retried: " + peer + " may have acted)"),
              null, e);
        }
        pause(backoff, what);
        backoff = backoff.multipliedBy(2);
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PeerUnavailableException(what + " interrupted", null, e);
      }
      int status = response.statusCode();
      if (status == 429) {
        Duration wait = retryAfter(response).orElse(backoff);
        if (attempt >= MAX_ATTEMPTS || wait.compareTo(maxWait) > 0) {
          throw new PeerUnavailableException(what + " was rate limited by " + peer + " (Retry-After "
              + wait.toSeconds() + " s) after " + attempt + " attempt(s)", wait, null);
        }
        pause(wait, what);
        backoff = backoff.multipliedBy(2);
        continue;
      }
      if (status >= 500) {
        if (resend != Resend.ON_ANY_FAILURE || attempt >= MAX_ATTEMPTS) {
          throw new PeerUnavailableException(what + " failed with " + status + " after " + attempt + " attempt(s): "
              + error(response.body()), null, null);
        }
        pause(backoff, what);
        backoff = backoff.multipliedBy(2);
        continue;
      }
      return response;
    }
  }

  /** The JSON body of a 2xx answer ({@link #send} returned it). */
  public static JsonNode json(HttpResponse<String> response) {
    try {
      return Json.read(response.body(), JsonNode.class);
    } catch (IllegalArgumentException e) {
      throw new PeerUnavailableException(what(response.request()) + " answered " + response.statusCode()
          + " with a body that is not JSON", null, null);
    }
  }

  /** The peer's error in a body, on one line, cut to a length a message and an audit line can carry. */
  public String error(String body) {
    String text;
    try {
      text = errorText.apply(body == null ? "" : body);
    } catch (RuntimeException notTheShapeExpected) {
      text = body == null ? "" : body;
    }
    text = text.replaceAll("\\s+", " ").strip();
    return text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS) + "...";
  }

  /** Waits before another attempt that the caller runs itself (a create sent again after searching for it). */
  public void pause(Duration duration, String what) {
    try {
      pause.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PeerUnavailableException(what + " interrupted while waiting to retry", null, e);
    }
  }

  /** Both peers send whole seconds. */
  static Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After")
        .filter(value -> value.trim().matches("[0-9]{1,6}"))
        .map(value -> Duration.ofSeconds(Long.parseLong(value.trim())));
  }

  public static String what(HttpRequest request) {
    return request.method() + " " + request.uri().getRawPath();
  }
}
