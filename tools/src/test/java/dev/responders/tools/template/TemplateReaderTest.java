package dev.responders.tools.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateReaderTest {

  @Test
  void turnsEveryShortFormIntoItsLongForm() {
    Map<String, Object> template = TemplateReader.parse("""
        Values:
          ref: !Ref Param
          sub: !Sub "${AWS::Region}-x"
          subList: !Sub ["${A}", {A: !Ref Param}]
          getAtt: !GetAtt Queue.Arn
          getAttList: !GetAtt [Queue, Arn]
          join: !Join [",", [a, b]]
          select: !Select [0, !Split [",", "a,b"]]
          ifValue: !If [IsProd, yes-text, no-text]
          equals: !Equals [a, b]
          not: !Not [!Condition Other]
          and: !And [!Condition A, !Condition B]
          or: !Or [!Condition A, !Condition B]
          findInMap: !FindInMap [Map, Top, Second]
          base64: !Base64 text
          cidr: !Cidr ["10.0.0.0/16", 2, 8]
          azs: !GetAZs ""
          import: !ImportValue shared-vpc
        """);

    Map<?, ?> values = (Map<?, ?>) template.get("Values");
    assertThat(values.get("ref")).isEqualTo(Map.of("Ref", "Param"));
    assertThat(values.get("sub")).isEqualTo(Map.of("Fn::Sub", "${AWS::Region}-x"));
    assertThat(values.get("subList"))
        .isEqualTo(Map.of("Fn::Sub", List.of("${A}", Map.of("A", Map.of("Ref", "Param")))));
    assertThat(values.get("getAtt")).isEqualTo(Map.of("Fn::GetAtt", List.of("Queue", "Arn")));
    assertThat(values.get("getAttList")).isEqualTo(Map.of("Fn::GetAtt", List.of("Queue", "Arn")));
    assertThat(values.get("join")).isEqualTo(Map.of("Fn::Join", List.of(",", List.of("a", "b"))));
    assertThat(values.get("select"))
        .isEqualTo(Map.of("Fn::Select", List.of(0, Map.of("Fn::Split", List.of(",", "a,b")))));
    assertThat(values.get("ifValue")).isEqualTo(Map.of("Fn::If", List.of("IsProd", "yes-text", "no-text")));
    assertThat(values.get("equals")).isEqualTo(Map.of("Fn::Equals", List.of("a", "b")));
    assertThat(values.get("not")).isEqualTo(Map.of("Fn::Not", List.of(Map.of("Condition", "Other"))));
    List<Object> bothConditions = List.of(Map.of("Condition", "A"), Map.of("Condition", "B"));
    assertThat(values.get("and")).isEqualTo(Map.of("Fn::And", bothConditions));
    assertThat(values.get("or")).isEqualTo(Map.of("Fn::Or", bothConditions));
    assertThat(values.get("findInMap")).isEqualTo(Map.of("Fn::FindInMap", List.of("Map", "Top", "Second")));
    assertThat(values.get("base64")).isEqualTo(Map.of("Fn::Base64", "text"));
    assertThat(values.get("cidr")).isEqualTo(Map.of("Fn::Cidr", List.of("10.0.0.0/16", 2, 8)));
    assertThat(values.get("azs")).isEqualTo(Map.of("Fn::GetAZs", ""));
    assertThat(values.get("import")).isEqualTo(Map.of("Fn::ImportValue", "shared-vpc"));
  }

  @Test
  void keepsAnUnquotedTemplateVersionDateAsText() {
    assertThat(TemplateReader.parse("AWSTemplateFormatVersion: 2010-09-09\n").get("AWSTemplateFormatVersion"))
        .isEqualTo("2010-09-09");
  }

  @Test
  void readsOnlyTrueAndFalseAsBooleans() {
    Map<String, Object> values = TemplateReader.parse("""
        Off: {Enabled: false, Value: yes, Other: on, Flag: True}
        """);
    assertThat(values.get("Off")).isEqualTo(Map.of("Enabled", false, "Value", "yes", "Other", "on", "Flag", true));
  }

  @Test
  void rejectsAKeyGivenTwiceAsCloudFormationDoes() {
    assertThatThrownBy(() -> TemplateReader.parse("Resources: {}\nResources: {}\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Resources");
  }

  @Test
  void rejectsAGetAttWithoutAttribute() {
    assertThatThrownBy(() -> TemplateReader.parse("Value: !GetAtt Queue\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Resource.Attribute");
  }

  @Test
  void rejectsADocumentThatIsNotAMapping() {
    assertThatThrownBy(() -> TemplateReader.parse("- a\n- b\n")).isInstanceOf(IllegalArgumentException.class);
  }
}
