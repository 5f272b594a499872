package dev.responders.glue;

import dev.responders.shared.aws.AccountScope;
import dev.responders.shared.aws.Deployment;
import dev.responders.shared.aws.DeploymentMode;
import dev.responders.shared.config.ConfigReader;
import dev.responders.shared.error.ConfigurationException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What template.yaml tells the function, read once at init.
 *
 * @param databases the Glue databases whose tables are fixed; empty means every database of the account
 * @param scope      the account and region the function acts in (any member's in organization mode)
 * @param deployment single-account or organization mode, and the member role
 */
public record GlueFixerConfig(Set<String> databases, AccountScope scope, Deployment deployment) {

  /** A single-account configuration. */
  public GlueFixerConfig(Set<String> databases, AccountScope scope) {
    this(databases, scope, Deployment.SINGLE_ACCOUNT);
  }

  /**
   * Names as the Data Catalog stores them (it lower-cases them), comma-separated without spaces: the same list is
   * the rule's filter, which matches exactly.
   */
  static final Pattern DATABASE_NAMES = Pattern.compile("[a-z0-9_-]{1,255}(,[a-z0-9_-]{1,255})*");
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

  public GlueFixerConfig {
    databases = Set.copyOf(databases);
  }

  public static GlueFixerConfig fromEnvironment(Map<String, String> environment) {
    ConfigReader env = new ConfigReader(environment);
    Deployment deployment = Deployment.read(env);
    AccountScope scope = new AccountScope(env.required("RESPONDERS_ACCOUNT_ID", ACCOUNT, "a 12-digit account id"),
        env.required("AWS_REGION"), deployment.mode() == null ? DeploymentMode.SINGLE_ACCOUNT : deployment.mode());
    env.validate();
    String names = environment.getOrDefault("GLUE_DATABASE_NAMES", "");
    if (names.isEmpty()) {
      return new GlueFixerConfig(Set.of(), scope, deployment);
    }
    if (!DATABASE_NAMES.matcher(names).matches()) {
      throw new ConfigurationException(List.of("GLUE_DATABASE_NAMES must be empty (every database) or"
          + " comma-separated lower-case Glue database names without spaces, got '" + names + "'"));
    }
    return new GlueFixerConfig(new LinkedHashSet<>(Arrays.asList(names.split(","))), scope, deployment);
  }

  /** Whether the function fixes tables of {@code database}. */
  public boolean covers(String database) {
    return databases.isEmpty() || databases.contains(database);
  }
}
