package dev.responders.zendesk;

import dev.responders.shared.aws.AccountScope;
import dev.responders.shared.config.ConfigReader;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What template.yaml tells both functions, read once at init.
 *
 * @param secretName        the Secrets Manager secret holding subdomain, email, API token and webhook signing secret
 * @param sectionId         the help-center section new articles go to
 * @param permissionGroupId who may edit the articles (Guide permission group)
 * @param userSegmentId     who may read them once published; null means everyone (Zendesk's own meaning of null)
 * @param requiredTags      every one of these tags must be on the ticket (an AND, which an EventBridge rule cannot say)
 * @param draft             create articles as drafts for an editor to review (the default) instead of live
 * @param locale            the article's locale
 * @param recordPrefix      SSM path under which the one-article-per-ticket record of each ticket is kept
 * @param scope             the account and region whose partner events are this deployment's to act on
 */
public record PublisherConfig(
    String secretName,
    long sectionId,
    long permissionGroupId,
    Long userSegmentId,
    List<String> requiredTags,
    boolean draft,
    String locale,
    String recordPrefix,
    AccountScope scope) {

  private static final Pattern ID = Pattern.compile("[0-9]{1,19}");
  private static final Pattern BOOLEAN = Pattern.compile("true|false");
  private static final Pattern TAGS = Pattern.compile("[^,\\s]+(\\s*,\\s*[^,\\s]+)*");
  private static final Pattern LOCALE = Pattern.compile("[a-z]{2,3}(-[a-z0-9]{2,8})*");
  private static final Pattern PARAMETER_PATH = Pattern.compile("(/[A-Za-z0-9_.\\-]+)+");
  private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
  private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9/_+=.@:-]{1,2048}");

  public PublisherConfig {
    requiredTags = List.copyOf(requiredTags);
  }

  public static PublisherConfig fromEnvironment(Map<String, String> environment) {
    ConfigReader env = new ConfigReader(environment);
    String secretName = env.required("ZENDESK_SECRET_NAME", SECRET_NAME, "a Secrets Manager secret name or ARN");
    String section = env.required("ZENDESK_SECTION_ID", ID, "a Zendesk section id (digits)");
    String permissionGroup = env.required("ZENDESK_PERMISSION_GROUP_ID", ID, "a Zendesk permission group id (digits)");
    String segment = env.optional("ZENDESK_USER_SEGMENT_ID", "");
    if (!segment.isEmpty() && !ID.matcher(segment).matches()) {
      env.required("ZENDESK_USER_SEGMENT_ID", ID, "empty or a Zendesk user segment id (digits)");
    }
    String tags = env.required("REQUIRED_TAGS", TAGS, "a comma-separated list of Zendesk tags");
    String draft = env.required("PUBLISH_AS_DRAFT", BOOLEAN, "true or false");
    String locale = env.required("ZENDESK_ARTICLE_LOCALE", LOCALE, "a Zendesk locale such as en-us");
    String prefix = env.required("ARTICLE_RECORD_PREFIX", PARAMETER_PATH,
        "an SSM path such as /responders/zendesk/articles");
    AccountScope scope = new AccountScope(env.required("RESPONDERS_ACCOUNT_ID", ACCOUNT, "a 12-digit account id"),
        env.required("AWS_REGION"));
    env.validate();
    return new PublisherConfig(secretName, Long.parseLong(section), Long.parseLong(permissionGroup),
        segment.isEmpty() ? null : Long.valueOf(segment),
        Arrays.stream(tags.split(",")).map(String::trim).toList(), "true".equals(draft), locale, prefix, scope);
  }

  /** The SSM parameter that records the article made from one ticket. */
  public String recordParameterName(long ticketId) {
    return recordPrefix + "/" + ticketId;
  }

  /** The label every article made from a ticket carries, so it can be found from the ticket. */
  public static String ticketLabel(long ticketId) {
    return "zendesk-ticket-" + ticketId;
  }
}
