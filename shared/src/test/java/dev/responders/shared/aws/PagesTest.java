package dev.responders.shared.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PagesTest {

  /** A page as an AWS list call returns it: items and the token of the next page. */
  private record Page(List<String> items, String next) {
  }

  @Test
  void readsEveryPageInOrderAndPassesEachTokenOnce() {
    Map<String, Page> pages = Map.of("first", new Page(List.of("a", "b"), "t1"),
        "t1", new Page(List.of("c"), "t2"), "t2", new Page(List.of(), "t3"), "t3", new Page(List.of("d"), null));
    List<String> tokens = new ArrayList<>();
    List<String> all = Pages.collect(token -> {
      tokens.add(token);
      return pages.get(token == null ? "first" : token);
    }, Page::items, Page::next);
    assertEquals(List.of("a", "b", "c", "d"), all);
    assertEquals(Arrays.asList(null, "t1", "t2", "t3"), tokens);
  }

  @Test
  void anEmptyTokenEndsTheListAsTheSdksPaginatorsDo() {
    List<String> tokens = new ArrayList<>();
    List<String> all = Pages.collect(token -> {
      tokens.add(token);
      return new Page(List.of("only"), "");
    }, Page::items, Page::next);
    assertEquals(List.of("only"), all);
    assertEquals(1, tokens.size());
  }
}
