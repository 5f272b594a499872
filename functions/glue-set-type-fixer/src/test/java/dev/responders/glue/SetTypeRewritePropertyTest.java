package dev.responders.glue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.responders.glue.HiveType.ArrayType;
import dev.responders.glue.HiveType.Field;
import dev.responders.glue.HiveType.MapType;
import dev.responders.glue.HiveType.Primitive;
import dev.responders.glue.HiveType.SetType;
import dev.responders.glue.HiveType.StructType;
import dev.responders.glue.HiveType.UnionType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random type trees (fixed seed, bounded count and depth), each written out with random white space, keyword case,
 * quoting and comments. The rewrite must turn exactly the set keywords into {@code array} and leave every other
 * character where it was; the result must read back as the same tree with sets as arrays.
 */
class SetTypeRewritePropertyTest {

  private static final long SEED = 20261202L;
  private static final int TREES = 2_000;
  private static final int MAX_DEPTH = 5;

  private static final List<String> PRIMITIVES = List.of("string", "bigint", "int", "smallint", "tinyint",
      "boolean", "double", "float", "date", "timestamp", "binary", "STRING", "timestamp with local time zone");
  /** Names that contain or are keywords, and names that need backticks. */
  private static final List<String> NAMES = List.of("a", "asset", "offset", "set", "settings", "reset_count",
      "array", "map", "struct", "uniontype", "comment", "first name", "set<string>", "a:b", "we`ird", "x,y",
      "SET", "Set_1", "map<k,v>", "décor", "(set)");
  private static final List<String> COMMENTS = List.of("set<string>", "it's a set", "a \\ backslash", "",
      "struct<a:set<int>>", "\"quoted\"");
  private static final List<String> SPACE = List.of("", "", "", " ", "  ", "\t", "\n ", " \n");

  private final Random random = new Random(SEED);

  @Test
  void theRewriteChangesNothingButSetKeywords() {
    int withSets = 0;
    for (int i = 0; i < TREES; i++) {
      HiveType tree = tree(0);
      Written written = new Written();
      write(tree, written);
      String original = written.original.toString();
      String expected = written.expected.toString();

      String rewritten = SetTypeRewriter.rewrite(original);

      assertThat(rewritten).as("rewrite of %s", original).isEqualTo(expected);
      assertThat(HiveTypeParser.parse(original).type()).as("reading %s", original).isEqualTo(tree);
      assertThat(HiveTypeParser.parse(rewritten).type()).as("reading %s", rewritten)
          .isEqualTo(tree.withSetsAsArrays());
      assertThat(SetTypeRewriter.rewrite(rewritten)).as("a second rewrite changes nothing").isEqualTo(rewritten);
      assertThat(HiveTypeParser.parse(rewritten).setKeywords()).isEmpty();
      assertThat(HiveTypeParser.parse(original).setKeywords()).hasSize(written.sets);
      assertThat(HiveTypeParser.parse(tree.render()).type()).as("the canonical text reads back").isEqualTo(tree);
      if (written.sets > 0) {
        withSets++;
      }
    }
    assertThat(withSets).as("trees that had something to rewrite").isGreaterThan(TREES / 4);
  }

  private HiveType tree(int depth) {
    int kind = depth >= MAX_DEPTH ? 0 : random.nextInt(7);
    return switch (kind) {
      case 0, 1 -> primitive();
      case 2 -> new ArrayType(tree(depth + 1));
      case 3 -> new SetType(tree(depth + 1));
      case 4 -> new MapType(primitive(), tree(depth + 1));
      case 5 -> {
        List<Field> fields = new ArrayList<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
          fields.add(new Field(pick(NAMES), tree(depth + 1), random.nextInt(4) == 0 ? pick(COMMENTS) : null));
        }
        yield new StructType(fields);
      }
      default -> {
        List<HiveType> members = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
          members.add(tree(depth + 1));
        }
        yield new UnionType(members);
      }
    };
  }

  private Primitive primitive() {
    return switch (random.nextInt(5)) {
      case 0 -> new Primitive("decimal", List.of(String.valueOf(1 + random.nextInt(38)), String.valueOf(random.nextInt(10))));
      case 1 -> new Primitive(random.nextBoolean() ? "varchar" : "char", List.of(String.valueOf(1 + random.nextInt(255))));
      default -> Primitive.of(pick(PRIMITIVES));
    };
  }

  /** The text of a tree twice: as written, and as the rewrite must leave it. */
  private static final class Written {
    final StringBuilder original = new StringBuilder();
    final StringBuilder expected = new StringBuilder();
    int sets;

    void both(String text) {
      original.append(text);
      expected.append(text);
    }
  }

  private void write(HiveType type, Written out) {
    if (type instanceof Primitive p) {
      out.both(p.name());
      if (!p.parameters().isEmpty()) {
        out.both(space() + "(");
        for (int i = 0; i < p.parameters().size(); i++) {
          out.both((i > 0 ? "," : "") + space() + p.parameters().get(i) + space());
        }
        out.both(")");
      }
    } else if (type instanceof ArrayType a) {
      out.both(keyword("array") + space() + "<" + space());
      write(a.element(), out);
      out.both(space() + ">");
    } else if (type instanceof SetType s) {
      out.original.append(keyword("set"));
      out.expected.append("array");
      out.sets++;
      out.both(space() + "<" + space());
      write(s.element(), out);
      out.both(space() + ">");
    } else if (type instanceof MapType m) {
      out.both(keyword("map") + space() + "<" + space());
      write(m.key(), out);
      out.both(space() + "," + space());
      write(m.value(), out);
      out.both(space() + ">");
    } else if (type instanceof StructType s) {
      out.both(keyword("struct") + space() + "<");
      for (int i = 0; i < s.fields().size(); i++) {
        Field field = s.fields().get(i);
        out.both((i > 0 ? "," : "") + space() + name(field.name()) + space() + ":" + space());
        write(field.type(), out);
        if (field.comment() != null) {
          out.both(" " + keyword("comment") + " " + quoted(field.comment()));
        }
        out.both(space());
      }
      out.both(">");
    } else if (type instanceof UnionType u) {
      out.both(keyword("uniontype") + space() + "<" + space());
      for (int i = 0; i < u.members().size(); i++) {
        if (i > 0) {
          out.both(space() + "," + space());
        }
        write(u.members().get(i), out);
      }
      out.both(space() + ">");
    }
  }

  private String name(String name) {
    boolean quote = !Field.plainName(name) || random.nextInt(3) == 0;
    return quote ? "`" + name.replace("`", "``") + "`" : name;
  }

  private String quoted(String comment) {
    char quote = random.nextBoolean() ? '\'' : '"';
    return quote + comment.replace("\\", "\\\\").replace(String.valueOf(quote), "\\" + quote) + quote;
  }

  private String keyword(String word) {
    return switch (random.nextInt(4)) {
      case 0 -> word.toUpperCase(java.util.Locale.ROOT);
      case 1 -> Character.toUpperCase(word.charAt(0)) + word.substring(1);
      default -> word;
    };
  }

  private String space() {
    return pick(SPACE);
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
