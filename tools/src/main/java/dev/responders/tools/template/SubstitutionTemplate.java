package dev.responders.tools.template;

import java.util.function.Function;

/** The string of an {@code Fn::Sub}: {@code ${Name}} replaced, {@code ${!Literal}} kept as {@code ${Literal}}. */
final class SubstitutionTemplate {

  private SubstitutionTemplate() {
  }

  static String substitute(String template, Function<String, Object> variables) {
    StringBuilder out = new StringBuilder();
    int from = 0;
    for (int start = template.indexOf("${"); start >= 0; start = template.indexOf("${", from)) {
      int end = template.indexOf('}', start);
      if (end < 0) {
        throw new IllegalStateException("Fn::Sub: unclosed ${ in " + template);
      }
      out.append(template, from, start);
      String name = template.substring(start + 2, end).trim();
      if (name.startsWith("!")) {
        out.append("${").append(name.substring(1)).append('}');
      } else {
        out.append(TemplateValues.text(variables.apply(name), "Fn::Sub ${" + name + "}"));
      }
      from = end + 1;
    }
    return out.append(template.substring(from)).toString();
  }
}
