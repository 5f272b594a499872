package dev.responders.shared.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Every item of a paginated AWS list call, page by page, as the SDK's paginators do (the same calls, stopping at
 * the first page without a next token). Handlers use this instead of the SDK's {@code ...Paginator} methods: a
 * paginator re-builds every request through the service's abstract request type, which makes a shrinker keep all
 * of the service's request classes (several megabytes of the EC2 module) in the function's artifact.
 *
 * <pre>{@code
 * List<NetworkInterface> all = Pages.collect(
 *     token -> ec2.describeNetworkInterfaces(r -> r.filters(filter).nextToken(token)),
 *     DescribeNetworkInterfacesResponse::networkInterfaces, DescribeNetworkInterfacesResponse::nextToken);
 * }</pre>
 */
public final class Pages {

  private Pages() {
  }

  /**
   * @param fetch one call, given the previous page's token (null for the first page)
   * @param items the page's items
   * @param next  the page's token for the next one (null or empty on the last page)
   */
  public static <R, T> List<T> collect(Function<String, R> fetch, Function<R, List<T>> items,
      Function<R, String> next) {
    List<T> all = new ArrayList<>();
    String token = null;
    do {
      R page = fetch.apply(token);
      all.addAll(items.apply(page));
      token = next.apply(page);
    } while (token != null && !token.isEmpty());
    return all;
  }
}
