package dev.responders.tools.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a CloudFormation/SAM YAML template into plain maps, lists and scalars. Short-form intrinsics
 * ({@code !Ref}, {@code !Sub}, ...) become their long form ({@code {"Ref": ...}}, {@code {"Fn::Sub": ...}}),
 * so everything downstream handles one shape.
 */
public final class TemplateReader {

  private static final Map<String, String> SHORT_FORMS = Map.ofEntries(
      Map.entry("!Ref", "Ref"),
      Map.entry("!Condition", "Condition"),
      Map.entry("!Sub", "Fn::Sub"),
      Map.entry("!GetAtt", "Fn::GetAtt"),
      Map.entry("!Join", "Fn::Join"),
      Map.entry("!Select", "Fn::Select"),
      Map.entry("!Split", "Fn::Split"),
      Map.entry("!If", "Fn::If"),
      Map.entry("!Equals", "Fn::Equals"),
      Map.entry("!Not", "Fn::Not"),
      Map.entry("!And", "Fn::And"),
      Map.entry("!Or", "Fn::Or"),
      Map.entry("!FindInMap", "Fn::FindInMap"),
      Map.entry("!Base64", "Fn::Base64"),
      Map.entry("!Cidr", "Fn::Cidr"),
      Map.entry("!GetAZs", "Fn::GetAZs"),
      Map.entry("!ImportValue", "Fn::ImportValue"));

  private TemplateReader() {
  }

  public static Map<String, Object> read(Path file) {
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> parse(String yaml) {
    LoaderOptions options = new LoaderOptions();
    // CloudFormation rejects a template with a key given twice; so does this reader.
    options.setAllowDuplicateKeys(false);
    Object document;
    try {
      document = new Yaml(new CloudFormationConstructor(options), new Representer(new DumperOptions()),
          new DumperOptions(), options, new TrueFalseOnlyResolver()).load(yaml);
    } catch (YAMLException e) {
      throw new IllegalArgumentException("not a valid template: " + e.getMessage(), e);
    }
    if (!(document instanceof Map)) {
      throw new IllegalArgumentException("a template is a YAML mapping, not " + describe(document));
    }
    return (Map<String, Object>) document;
  }

  private static String describe(Object value) {
    return value == null ? "an empty document" : value.getClass().getSimpleName();
  }

  /**
   * YAML 1.1 also reads yes/no/on/off as booleans, which turns an event named {@code Off} or a tag value
   * {@code yes} into {@code false}/{@code true}; only true and false are booleans here.
   */
  private static final class TrueFalseOnlyResolver extends Resolver {
    @Override
    public Tag resolve(NodeId kind, String value, boolean implicit) {
      Tag tag = super.resolve(kind, value, implicit);
      if (Tag.BOOL.equals(tag) && implicit && !value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
        return Tag.STR;
      }
      return tag;
    }
  }

  private static final class CloudFormationConstructor extends SafeConstructor {

    CloudFormationConstructor(LoaderOptions options) {
      super(options);
      SHORT_FORMS.forEach((tag, function) -> yamlConstructors.put(new Tag(tag), new ShortForm(function)));
      // CloudFormation keeps unquoted dates such as 2010-09-09 as strings.
      yamlConstructors.put(Tag.TIMESTAMP, yamlConstructors.get(Tag.STR));
    }

    private final class ShortForm extends AbstractConstruct {
      private final String function;

      ShortForm(String function) {
        this.function = function;
      }

      @Override
      public Object construct(Node node) {
        Map<String, Object> longForm = new LinkedHashMap<>();
        longForm.put(function, argument(node));
        return longForm;
      }

      private Object argument(Node node) {
        if (node instanceof ScalarNode scalar) {
          String text = constructScalar(scalar);
          if (function.equals("Fn::GetAtt")) {
            return getAttArguments(text);
          }
          return text;
        }
        if (node instanceof SequenceNode sequence) {
          return new ArrayList<>(constructSequence(sequence));
        }
        return constructMapping((MappingNode) node);
      }

      /** {@code !GetAtt Resource.Attribute.With.Dots}: the resource is up to the first dot. */
      private List<Object> getAttArguments(String text) {
        int dot = text.indexOf('.');
        if (dot <= 0 || dot == text.length() - 1) {
          throw new YAMLException("!GetAtt needs Resource.Attribute, got '" + text + "'");
        }
        return List.of(text.substring(0, dot), text.substring(dot + 1));
      }
    }
  }
}
