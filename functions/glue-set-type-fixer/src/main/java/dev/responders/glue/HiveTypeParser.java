package dev.responders.glue;

import dev.responders.glue.HiveType.ArrayType;
import dev.responders.glue.HiveType.Field;
import dev.responders.glue.HiveType.MapType;
import dev.responders.glue.HiveType.Primitive;
import dev.responders.glue.HiveType.SetType;
import dev.responders.glue.HiveType.StructType;
import dev.responders.glue.HiveType.UnionType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A recursive-descent reader of Hive type strings as Glue stores them in {@code Column.Type}:
 *
 * <pre>
 * type      = complex | primitive
 * complex   = ("array" | "set") "&lt;" type "&gt;" | "map" "&lt;" type "," type "&gt;"
 *           | "struct" "&lt;" [field ("," field)*] "&gt;" | "uniontype" "&lt;" type ("," type)* "&gt;"
 * field     = name ":" type ["COMMENT" quoted]
 * name      = "`" (any but "`" | "``")* "`" | (any but ":&lt;&gt;,()`")+
 * primitive = word (word)* ["(" digits ("," digits)* ")"]       e.g. decimal(10,2), timestamp with local time zone
 * </pre>
 *
 * Keywords are case-insensitive and white space may stand between any two tokens. Besides the tree it records
 * where each {@code set} keyword stands, so that a rewrite can change those three letters and nothing else: a
 * field called {@code asset}, a comment saying {@code set<x>} or a quoted name {@code `set<`} are never touched.
 */
public final class HiveTypeParser {

  /** Deeper than any real schema; a bound keeps a hostile type string from exhausting the stack. */
  static final int MAX_DEPTH = 100;

  /**
   * A parsed type string.
   *
   * @param setKeywords the offsets of every {@code set} keyword of a {@code set<...>} type, in order
   */
  public record ParsedType(String text, HiveType type, List<Integer> setKeywords) {
    public ParsedType {
      setKeywords = List.copyOf(setKeywords);
    }
  }

  private final String text;
  private final List<Integer> setKeywords = new ArrayList<>();
  private int pos;

  private HiveTypeParser(String text) {
    this.text = text;
  }

  /** Parses {@code text}; anything that is not one complete Hive type raises {@link HiveTypeSyntaxException}. */
  public static ParsedType parse(String text) {
    if (text == null) {
      throw new HiveTypeSyntaxException("", 0, "no type");
    }
    HiveTypeParser parser = new HiveTypeParser(text);
    parser.skipSpace();
    HiveType type = parser.type(0);
    parser.skipSpace();
    if (parser.pos < text.length()) {
      throw parser.error("unexpected '" + text.charAt(parser.pos) + "' after the type");
    }
    return new ParsedType(text, type, parser.setKeywords);
  }

  private HiveType type(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("type nested deeper than " + MAX_DEPTH + " levels");
    }
    int start = pos;
    String word = word();
    if (word.isEmpty()) {
      throw error(pos < text.length() ? "expected a type, found '" + text.charAt(pos) + "'" : "expected a type");
    }
    int afterWord = pos;
    skipSpace();
    String keyword = word.toLowerCase(Locale.ROOT);
    if (peek() == '<') {
      pos++;
      return switch (keyword) {
        case "array" -> new ArrayType(closed(inner(depth)));
        case "set" -> {
          setKeywords.add(start);
          yield new SetType(closed(inner(depth)));
        }
        case "map" -> {
          HiveType key = inner(depth);
          expect(',');
          yield new MapType(key, closed(inner(depth)));
        }
        case "struct" -> struct(depth);
        case "uniontype" -> union(depth);
        default -> throw errorAt(afterWord, "'" + word + "' takes no type parameters");
      };
    }
    pos = afterWord;
    return primitive(word);
  }

  /** A type inside a complex one, white space around it allowed. */
  private HiveType inner(int depth) {
    skipSpace();
    HiveType type = type(depth + 1);
    skipSpace();
    return type;
  }

  private HiveType closed(HiveType type) {
    expect('>');
    return type;
  }

  private StructType struct(int depth) {
    List<Field> fields = new ArrayList<>();
    skipSpace();
    if (peek() == '>') {
      pos++;
      return new StructType(fields);
    }
    while (true) {
      skipSpace();
      String name = fieldName();
      skipSpace();
      expect(':');
      HiveType type = inner(depth);
      String comment = comment();
      fields.add(new Field(name, type, comment));
      if (peek() == ',') {
        pos++;
        continue;
      }
      expect('>');
      return new StructType(fields);
    }
  }

  private UnionType union(int depth) {
    List<HiveType> members = new ArrayList<>();
    members.add(inner(depth));
    while (peek() == ',') {
      pos++;
      members.add(inner(depth));
    }
    expect('>');
    return new UnionType(members);
  }

  private Primitive primitive(String first) {
    StringBuilder name = new StringBuilder(first);
    while (true) {
      int before = pos;
      skipSpace();
      int wordStart = pos;
      String next = word();
      if (next.isEmpty() || next.equalsIgnoreCase("comment") || pos == before) {
        pos = before;
        break;
      }
      name.append(text, before, wordStart).append(next);
    }
    int beforeParameters = pos;
    skipSpace();
    if (peek() != '(') {
      pos = beforeParameters;
      return new Primitive(name.toString(), List.of());
    }
    pos++;
    List<String> parameters = new ArrayList<>();
    do {
      skipSpace();
      int start = pos;
      while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
        pos++;
      }
      if (pos == start) {
        throw error("expected a number in the parameters of " + name);
      }
      parameters.add(text.substring(start, pos));
      skipSpace();
    } while (consume(','));
    expect(')');
    return new Primitive(name.toString(), parameters);
  }

  private String fieldName() {
    if (peek() == '`') {
      pos++;
      StringBuilder name = new StringBuilder();
      while (true) {
        if (pos >= text.length()) {
          throw error("unclosed ` in a field name");
        }
        char c = text.charAt(pos++);
        if (c == '`') {
          if (peek() != '`') {
            return name.toString();
          }
          pos++;
        }
        name.append(c);
      }
    }
    int start = pos;
    while (pos < text.length() && ":<>,()`".indexOf(text.charAt(pos)) < 0) {
      pos++;
    }
    String name = text.substring(start, pos).strip();
    if (name.isEmpty()) {
      throw errorAt(start, "expected a field name");
    }
    return name;
  }

  /** {@code COMMENT 'text'} after a field's type, or null; leaves the position after any white space. */
  private String comment() {
    int before = pos;
    String word = word();
    if (!word.equalsIgnoreCase("comment")) {
      pos = before;
      return null;
    }
    skipSpace();
    char quote = peek();
    if (quote != '\'' && quote != '"') {
      throw error("expected a quoted comment");
    }
    pos++;
    StringBuilder comment = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error("unclosed comment");
      }
      char c = text.charAt(pos++);
      if (c == quote) {
        skipSpace();
        return comment.toString();
      }
      if (c == '\\' && pos < text.length()) {
        c = text.charAt(pos++);
      }
      comment.append(c);
    }
  }

  private String word() {
    int start = pos;
    if (pos < text.length() && (Character.isLetter(text.charAt(pos)) || text.charAt(pos) == '_')) {
      pos++;
      while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
        pos++;
      }
    }
    return text.substring(start, pos);
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private boolean consume(char c) {
    if (peek() == c) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    if (!consume(c)) {
      throw error(pos < text.length() ? "expected '" + c + "', found '" + text.charAt(pos) + "'"
          : "expected '" + c + "' before the end");
    }
  }

  private HiveTypeSyntaxException error(String problem) {
    return errorAt(pos, problem);
  }

  private HiveTypeSyntaxException errorAt(int at, String problem) {
    return new HiveTypeSyntaxException(text, at, problem);
  }
}
