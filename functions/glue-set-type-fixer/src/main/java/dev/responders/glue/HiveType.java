package dev.responders.glue;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A Hive column type as the Glue Data Catalog stores it, parsed ({@link HiveTypeParser}): the types Parquet and
 * ORC conversion understand ({@code array}, {@code map}, {@code struct}, {@code uniontype}, primitives) plus
 * {@code set}, which a crawler over DynamoDB writes for String and Number Sets and which nothing downstream reads.
 */
public sealed interface HiveType {

  /** Hive's text for this type, in the catalog's lower-case spelling and without optional white space. */
  String render();

  /** The same type with every {@code set<T>}, at any depth, as {@code array<T>}. */
  HiveType withSetsAsArrays();

  /** {@code string}, {@code bigint}, {@code decimal(10,2)}, {@code varchar(255)}: kept as written. */
  record Primitive(String name, List<String> parameters) implements HiveType {
    public Primitive {
      parameters = List.copyOf(parameters);
    }

    public static Primitive of(String name) {
      return new Primitive(name, List.of());
    }

    @Override
    public String render() {
      return parameters.isEmpty() ? name : name + "(" + String.join(",", parameters) + ")";
    }

    @Override
    public HiveType withSetsAsArrays() {
      return this;
    }
  }

  record ArrayType(HiveType element) implements HiveType {
    @Override
    public String render() {
      return "array<" + element.render() + ">";
    }

    @Override
    public HiveType withSetsAsArrays() {
      return new ArrayType(element.withSetsAsArrays());
    }
  }

  /** Not a Hive type: what the crawler writes for a DynamoDB String Set or Number Set. */
  record SetType(HiveType element) implements HiveType {
    @Override
    public String render() {
      return "set<" + element.render() + ">";
    }

    @Override
    public HiveType withSetsAsArrays() {
      return new ArrayType(element.withSetsAsArrays());
    }
  }

  record MapType(HiveType key, HiveType value) implements HiveType {
    @Override
    public String render() {
      return "map<" + key.render() + "," + value.render() + ">";
    }

    @Override
    public HiveType withSetsAsArrays() {
      return new MapType(key.withSetsAsArrays(), value.withSetsAsArrays());
    }
  }

  record StructType(List<Field> fields) implements HiveType {
    public StructType {
      fields = List.copyOf(fields);
    }

    @Override
    public String render() {
      return fields.stream().map(Field::render).collect(Collectors.joining(",", "struct<", ">"));
    }

    @Override
    public HiveType withSetsAsArrays() {
      return new StructType(fields.stream()
          .map(f -> new Field(f.name(), f.type().withSetsAsArrays(), f.comment())).toList());
    }
  }

  record UnionType(List<HiveType> members) implements HiveType {
    public UnionType {
      members = List.copyOf(members);
    }

    @Override
    public String render() {
      return members.stream().map(HiveType::render).collect(Collectors.joining(",", "uniontype<", ">"));
    }

    @Override
    public HiveType withSetsAsArrays() {
      return new UnionType(members.stream().map(HiveType::withSetsAsArrays).toList());
    }
  }

  /**
   * One field of a struct.
   *
   * @param name    the name as Hive reads it (backticks removed, a doubled backtick as one)
   * @param comment the field's {@code COMMENT '...'} text, unescaped, or null
   */
  record Field(String name, HiveType type, String comment) {

    String render() {
      String text = (plainName(name) ? name : "`" + name.replace("`", "``") + "`") + ":" + type.render();
      return comment == null ? text : text + " COMMENT '" + comment.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** A name that reads back the same without backticks (names with white space are quoted, as Athena does). */
    static boolean plainName(String name) {
      return !name.isEmpty() && name.chars().noneMatch(c -> Character.isWhitespace(c) || ":<>,()`'\"".indexOf(c) >= 0);
    }
  }
}
