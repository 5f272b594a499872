package dev.responders.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.responders.glue.HiveType.ArrayType;
import dev.responders.glue.HiveType.Field;
import dev.responders.glue.HiveType.MapType;
import dev.responders.glue.HiveType.Primitive;
import dev.responders.glue.HiveType.SetType;
import dev.responders.glue.HiveType.StructType;
import dev.responders.glue.HiveType.UnionType;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The type parser and the rewrite on type strings as crawlers, Athena DDL and people write them. */
class SetTypeRewriterTest {

  static Stream<Arguments> typeStrings() {
    return Stream.of(
        Arguments.of("string", "string"),
        Arguments.of("set<string>", "array<string>"),
        Arguments.of("set<bigint>", "array<bigint>"),
        Arguments.of("SET<STRING>", "array<STRING>"),
        Arguments.of("Set<double>", "array<double>"),
        Arguments.of("array<string>", "array<string>"),
        Arguments.of("array<set<string>>", "array<array<string>>"),
        Arguments.of("map<string,string>", "map<string,string>"),
        Arguments.of("map<string,set<bigint>>", "map<string,array<bigint>>"),
        Arguments.of("map<string, set<bigint>>", "map<string, array<bigint>>"),
        Arguments.of("map<decimal(10,2),set<string>>", "map<decimal(10,2),array<string>>"),
        Arguments.of("map<set<string>,int>", "map<array<string>,int>"),
        Arguments.of("struct<a:set<string>>", "struct<a:array<string>>"),
        Arguments.of("struct<asset:string>", "struct<asset:string>"),
        Arguments.of("struct<offset:bigint,settings:set<string>>", "struct<offset:bigint,settings:array<string>>"),
        Arguments.of("struct<set:string>", "struct<set:string>"),
        Arguments.of("struct<set:set<string>>", "struct<set:array<string>>"),
        Arguments.of("struct<asset:set<string>,assets:array<set<int>>>",
            "struct<asset:array<string>,assets:array<array<int>>>"),
        Arguments.of("struct<`set<x>`:string>", "struct<`set<x>`:string>"),
        Arguments.of("struct<`a:b`:set<int>>", "struct<`a:b`:array<int>>"),
        Arguments.of("struct<`we``ird`:set<int>,`set`:set<int>>", "struct<`we``ird`:array<int>,`set`:array<int>>"),
        Arguments.of("struct<`offset`:int>", "struct<`offset`:int>"),
        Arguments.of("decimal(10,2)", "decimal(10,2)"),
        Arguments.of("decimal(10, 2)", "decimal(10, 2)"),
        Arguments.of("set<decimal(10,2)>", "array<decimal(10,2)>"),
        Arguments.of("varchar(255)", "varchar(255)"),
        Arguments.of("char(1)", "char(1)"),
        Arguments.of("timestamp with local time zone", "timestamp with local time zone"),
        Arguments.of("uniontype<int,set<string>,struct<a:int>>", "uniontype<int,array<string>,struct<a:int>>"),
        Arguments.of("  set < string >  ", "  array < string >  "),
        Arguments.of("struct< a : set< string > , b : int >", "struct< a : array< string > , b : int >"),
        Arguments.of("struct<\n  a:set<string>,\n\tb:int\n>", "struct<\n  a:array<string>,\n\tb:int\n>"),
        Arguments.of("array<array<array<array<set<set<string>>>>>>", "array<array<array<array<array<array<string>>>>>>"),
        Arguments.of("struct<a:struct<b:struct<c:set<bigint>>>>", "struct<a:struct<b:struct<c:array<bigint>>>>"),
        Arguments.of("set<struct<set:set<string>>>", "array<struct<set:array<string>>>"),
        Arguments.of("struct<a:string COMMENT 'set<string> in a comment'>",
            "struct<a:string COMMENT 'set<string> in a comment'>"),
        Arguments.of("struct<a:set<string> COMMENT 'a set'>", "struct<a:array<string> COMMENT 'a set'>"),
        Arguments.of("struct<a:int comment \"it's set<x>\",b:set<int>>", "struct<a:int comment \"it's set<x>\",b:array<int>>"),
        Arguments.of("struct<a:int COMMENT 'it\\'s a set<',b:set<int>>", "struct<a:int COMMENT 'it\\'s a set<',b:array<int>>"),
        Arguments.of("struct<first name:set<string>>", "struct<first name:array<string>>"),
        Arguments.of("struct<user_settings:map<string,set<string>>>", "struct<user_settings:map<string,array<string>>>"),
        Arguments.of("struct<>", "struct<>"),
        Arguments.of("asset", "asset"),
        Arguments.of("offset", "offset"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("typeStrings")
  void rewritesEverySetTypeAndNothingElse(String type, String expected) {
    assertThat(SetTypeRewriter.rewrite(type)).isEqualTo(expected);
    assertThat(SetTypeRewriter.rewrite(expected)).as("a second rewrite finds nothing").isEqualTo(expected);
  }

  @Test
  void aTypeWithoutSetsIsReturnedAsTheSameString() {
    String type = "struct<asset:string,offset:bigint>";
    assertThat(SetTypeRewriter.rewrite(type)).isSameAs(type);
  }

  @Test
  void readsTheTreeOfANestedType() {
    HiveType type = HiveTypeParser.parse(
        "struct<ids:set<bigint> COMMENT 'ids', `my field`:map<string,array<decimal(10, 2)>>,u:uniontype<int,string>>")
        .type();

    assertThat(type).isEqualTo(new StructType(List.of(
        new Field("ids", new SetType(Primitive.of("bigint")), "ids"),
        new Field("my field", new MapType(Primitive.of("string"),
            new ArrayType(new Primitive("decimal", List.of("10", "2")))), null),
        new Field("u", new UnionType(List.of(Primitive.of("int"), Primitive.of("string"))), null))));
    assertThat(type.render()).isEqualTo(
        "struct<ids:set<bigint> COMMENT 'ids',`my field`:map<string,array<decimal(10,2)>>,u:uniontype<int,string>>");
    assertThat(type.withSetsAsArrays().render()).startsWith("struct<ids:array<bigint> COMMENT 'ids',");
  }

  @Test
  void recordsWhereEachSetKeywordStands() {
    assertThat(HiveTypeParser.parse("struct<asset:set<string>,b:map<string,SET<int>>>").setKeywords())
        .containsExactly(13, 38);
  }

  @ParameterizedTest(name = "''{0}'' is refused")
  @ValueSource(strings = {"", "   ", "set<", "set<string", "set<>", "map<string>", "map<string,int,int>",
      "struct<a>", "struct<a:>", "struct<:int>", "struct<a:int,>", "foo<int>", "decimal(10,", "decimal(a)",
      "array<string>>", "struct<`a:int>", "struct<a:int COMMENT x>", "struct<a:int COMMENT 'open>",
      "uniontype<>", "array<string> extra>"})
  void aStringThatIsNoHiveTypeIsRefusedWithWhereReadingStopped(String type) {
    assertThatThrownBy(() -> SetTypeRewriter.rewrite(type)).isInstanceOf(HiveTypeSyntaxException.class)
        .hasMessageContaining("at position");
  }

  @Test
  void aTypeNestedBeyondTheBoundIsRefusedNotAStackOverflow() {
    String deep = "array<".repeat(50_000) + "string" + ">".repeat(50_000);

    assertThatThrownBy(() -> SetTypeRewriter.rewrite(deep)).isInstanceOf(HiveTypeSyntaxException.class)
        .hasMessageContaining("nested deeper than " + HiveTypeParser.MAX_DEPTH);
    int arrays = HiveTypeParser.MAX_DEPTH - 2;
    String allowed = "array<".repeat(arrays) + "set<string>" + ">".repeat(arrays);
    assertThat(SetTypeRewriter.rewrite(allowed)).endsWith("array<string>" + ">".repeat(arrays));
  }

  @Test
  void errorsSayWhereAndQuoteACutExcerpt() {
    String longType = "struct<" + "a".repeat(500) + ">";
    assertThatThrownBy(() -> SetTypeRewriter.rewrite(longType)).hasMessageContaining("expected ':'")
        .hasMessageContaining("(" + longType.length() + " characters)");
  }
}
