package dev.responders.glue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.responders.tools.RepositoryRoot;
import dev.responders.tools.template.Template;
import dev.responders.tools.template.TemplateOptions;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What template.yaml lets the set-type fixer do, resolved for the parameters a deployer may give. */
class GlueSetTypeFixerPolicyTest {

  private static final String PREFIX = "arn:aws:glue:us-east-1:123456789012:";

  private static List<Map<String, Object>> statements(String databases) {
    Template template = Template.load(RepositoryRoot.find().resolve("template.yaml"),
        TemplateOptions.defaults().withParameters(Map.of("GlueDatabaseNames", databases)));
    List<?> policies = (List<?>) template.resolvedResourceProperties("GlueSetTypeFixerFunction").get("Policies");
    return policies.stream().flatMap(p -> ((List<?>) asMap(p).get("Statement")).stream())
        .map(GlueSetTypeFixerPolicyTest::asMap).toList();
  }

  private static List<Map<String, Object>> glueStatements(String databases) {
    return statements(databases).stream().filter(s -> strings(s.get("Action")).stream()
        .anyMatch(a -> a.startsWith("glue:"))).toList();
  }

  @Test
  void theOnlyMessagesItSendsGoToTheRespondersTopic() {
    assertThat(statements("")).filteredOn(s -> strings(s.get("Action")).contains("sns:Publish")).singleElement()
        .satisfies(s -> assertThat(strings(s.get("Resource"))).singleElement().asString()
            .endsWith(":ResponderNotificationsTopic"));
  }

  @Test
  void grantsOnlyTheReadsAndUpdatesTheFixMakes() {
    assertThat(statements("")).flatMap(s -> strings(s.get("Action"))).containsExactlyInAnyOrder("glue:GetTable",
        "glue:UpdateTable", "glue:GetPartitions", "glue:BatchGetPartition", "glue:BatchUpdatePartition",
        "sns:Publish");
  }

  @Test
  void configuredDatabasesAreTheOnlyDatabasesAndTablesItMayTouch() {
    assertThat(glueStatements("dynamodb_exports,analytics")).singleElement().satisfies(s ->
        assertThat(strings(s.get("Resource"))).containsOnly(PREFIX + "catalog",
            PREFIX + "database/dynamodb_exports", PREFIX + "database/analytics",
            PREFIX + "table/dynamodb_exports/*", PREFIX + "table/analytics/*"));
  }

  @Test
  void fiveDatabasesGetAnArnEach() {
    List<String> resources = strings(glueStatements("a,b,c,d,e").get(0).get("Resource"));
    assertThat(resources).containsExactlyInAnyOrder(PREFIX + "catalog", PREFIX + "database/a", PREFIX + "database/b",
        PREFIX + "database/c", PREFIX + "database/d", PREFIX + "database/e", PREFIX + "table/a/*",
        PREFIX + "table/b/*", PREFIX + "table/c/*", PREFIX + "table/d/*", PREFIX + "table/e/*");
  }

  @Test
  void withNoDatabaseNamedEveryTableOfTheAccountAndRegionIsInScope() {
    assertThat(strings(glueStatements("").get(0).get("Resource"))).containsExactlyInAnyOrder(PREFIX + "catalog",
        PREFIX + "database/*", PREFIX + "table/*/*");
  }

  @ParameterizedTest(name = "''{0}'' is refused at deploy")
  @ValueSource(strings = {"Sales", "a, b", " a", "a,", ",a", "a,b,c,d,e,f", "a b"})
  void databaseListsTheRuleCouldNotMatchAreRefusedAtDeploy(String names) {
    Template template = Template.load(RepositoryRoot.find().resolve("template.yaml"), TemplateOptions.defaults());
    Pattern allowed = Pattern.compile((String) template.parameterDefinition("GlueDatabaseNames").get("AllowedPattern"));
    assertThat(allowed.matcher(names).matches()).isFalse();
    assertThat(allowed.matcher("dynamodb_exports,analytics").matches()).isTrue();
  }

  private static List<String> strings(Object value) {
    return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(value));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
  }
}
