package dev.responders.ami;

import dev.responders.shared.error.InvalidEventException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code AmiParameterName} template, e.g. {@code /ec2-imagebuilder/{imageName}/latest}: one parameter per image
 * (or pipeline), written in each region and account the image reached. Placeholders: {@code {imageName}} (the
 * image ARN's name), {@code {pipelineName}}, {@code {region}} and {@code {accountId}} (the AMI's).
 */
public final class ParameterNameTemplate {

  static final Set<String> PLACEHOLDERS = Set.of("imageName", "pipelineName", "region", "accountId");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)\\}");
  /** A hierarchical SSM parameter name: /segment/segment, each of letters, digits, '_', '.', '-'. */
  private static final Pattern SSM_NAME = Pattern.compile("(/[A-Za-z0-9_.-]+)+");
  private static final Pattern SEGMENT_VALUE = Pattern.compile("[A-Za-z0-9_.-]+");
  /** SSM's limits: 1011 characters, 15 levels of hierarchy. */
  static final int MAX_LENGTH = 1011;
  static final int MAX_LEVELS = 15;

  private final String template;

  private ParameterNameTemplate(String template) {
    this.template = template;
  }

  /** Checks the template itself; returns every problem (empty when it is usable). */
  static List<String> problems(String template) {
    List<String> problems = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(template);
    boolean identifiesImage = false;
    while (m.find()) {
      if (!PLACEHOLDERS.contains(m.group(1))) {
        problems.add("unknown placeholder {" + m.group(1) + "} (known: {imageName}, {pipelineName}, {region}, "
            + "{accountId})");
      }
      identifiesImage |= m.group(1).equals("imageName") || m.group(1).equals("pipelineName");
    }
    if (!identifiesImage) {
      problems.add("must contain {imageName} or {pipelineName}, or every image would overwrite one parameter");
    }
    String sample = PLACEHOLDER.matcher(template).replaceAll("x");
    problems.addAll(nameProblems(sample));
    return problems;
  }

  public static ParameterNameTemplate of(String template) {
    List<String> problems = problems(template);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("parameter name template '" + template + "': " + String.join("; ", problems));
    }
    return new ParameterNameTemplate(template);
  }

  public String template() {
    return template;
  }

  /**
   * The parameter's name for one AMI of an image. Each value must be a legal part of an SSM name; a value that is
   * not (an image built outside a pipeline has no {pipelineName}) is an invalid event naming its field.
   */
  public String render(ImageBuild image, Ami ami) {
    Map<String, Optional<String>> values = Map.of(
        "imageName", Optional.of(image.arn().name()),
        "pipelineName", image.pipelineName(),
        "region", Optional.of(ami.region()),
        "accountId", Optional.of(ami.accountId()));
    Map<String, String> fields = Map.of("imageName", "arn", "pipelineName", "sourcePipelineArn",
        "region", "outputResources.amis[].region", "accountId", "outputResources.amis[].accountId");
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder name = new StringBuilder();
    while (m.find()) {
      String placeholder = m.group(1);
      String value = values.get(placeholder).orElseThrow(() -> new InvalidEventException(fields.get(placeholder),
          "is missing, and the parameter name " + template + " needs {" + placeholder + "}"));
      if (!SEGMENT_VALUE.matcher(value).matches()) {
        throw new InvalidEventException(fields.get(placeholder), "'" + value + "' cannot stand for {" + placeholder
            + "} in an SSM parameter name (letters, digits, '_', '.', '-')");
      }
      m.appendReplacement(name, Matcher.quoteReplacement(value));
    }
    m.appendTail(name);
    List<String> problems = nameProblems(name.toString());
    if (!problems.isEmpty()) {
      throw new InvalidEventException(fields.get("imageName"), "gives parameter name '" + name + "', which SSM refuses: "
          + String.join("; ", problems));
    }
    return name.toString();
  }

  private static List<String> nameProblems(String name) {
    List<String> problems = new ArrayList<>();
    if (!SSM_NAME.matcher(name).matches()) {
      problems.add("must be a path such as /ec2-imagebuilder/{imageName}/latest of letters, digits, '_', '.', '-'");
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.startsWith("/aws") || lower.startsWith("/ssm")) {
      problems.add("must not begin with /aws or /ssm (reserved by AWS)");
    }
    if (name.length() > MAX_LENGTH) {
      problems.add("must be at most " + MAX_LENGTH + " characters");
    }
    if (name.chars().filter(c -> c == '/').count() > MAX_LEVELS) {
      problems.add("must have at most " + MAX_LEVELS + " levels");
    }
    return problems;
  }
}
