package dev.responders.ami;

import static dev.responders.ami.AmiParameterUpdaterIT.DEFAULT_NAME;
import static dev.responders.ami.AmiParameterUpdaterIT.EAST_AMI;
import static dev.responders.ami.AmiParameterUpdaterIT.PARAMETER;
import static dev.responders.ami.ImageMessages.ACCOUNT;
import static dev.responders.ami.ImageMessages.ami;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.shared.aws.AwsClients;
import dev.responders.shared.aws.Deployment;
import dev.responders.shared.aws.DeploymentMode;
import dev.responders.shared.notify.Notifier;
import dev.responders.tools.account.MemberAccount;
import dev.responders.tools.account.NotificationInbox;
import dev.responders.tools.emulator.AwsFault;
import dev.responders.tools.emulator.FaultProxy;
import dev.responders.tools.emulator.MotoExtension;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * Organization mode against moto with two accounts: the central function (account 123456789012, the organization's
 * management account) publishes the image of member account B to B's own parameter through the member role, and
 * refuses an image claiming an account outside the organization. Single-account mode is the other half.
 */
@ExtendWith({MotoExtension.class, FaultProxy.Extension.class})
class AmiParameterUpdaterOrganizationIT {

  static final Deployment ORGANIZATION = new Deployment(DeploymentMode.ORGANIZATION, "responders-remediation",
      "o-abc1234567");
  private static final String MEMBER_AMI = "ami-0b0b0b0b0b0b0b0b0";

  private NotificationInbox inbox;
  private MemberAccount member;

  @BeforeEach
  void seed() {
    inbox = NotificationInbox.create(AwsClients.build(SnsClient.builder()), AwsClients.build(SqsClient.builder()),
        "responder-notifications");
    member = MemberAccount.create("workloads");
  }

  private AmiParameterUpdaterHandler handler(Deployment deployment) {
    AmiParameterConfig config = new AmiParameterConfig(ParameterNameTemplate.of(DEFAULT_NAME), null, ACCOUNT,
        deployment);
    return new AmiParameterUpdaterHandler(config, new AmiParameterUpdaterHandler.Clients(
        ParameterStores.create(config), new Notifier(AwsClients.build(SnsClient.builder()), inbox.topicArn()),
        new AmiParameterWriter.Confirmation(2, Duration.ZERO)));
  }

  /** Image Builder's message for an image of {@code account}, distributed as one AMI in that account. */
  private static String imageOf(String account, String amiId) {
    return ImageMessages.sns(ImageMessages.edit(ImageMessages.availableMessage(), message -> {
      ImageMessages.version(message, "1.2.0", 3);
      message.put("arn", "arn:aws:imagebuilder:us-east-1:" + account + ":image/web-server/1.2.0/3");
      message.putArray("amis");
      ((com.fasterxml.jackson.databind.node.ObjectNode) message.get("outputResources")).putArray("amis").addObject()
          .put("region", "us-east-1").put("image", amiId).put("accountId", account);
    }));
  }

  private String memberParameter() {
    try (SsmClient ssm = member.client(SsmClient.builder(), Region.US_EAST_1)) {
      return ssm.getParameter(r -> r.name(PARAMETER)).parameter().value();
    } catch (ParameterNotFoundException e) {
      return null;
    }
  }

  private static String ownParameter() {
    try (ParameterStoreReader own = ParameterStoreReader.in("us-east-1")) {
      return own.get(PARAMETER).map(p -> p.value()).orElse(null);
    }
  }

  /** The calls one event cost, for the README's scale model. */
  private static void report(String label, java.util.List<String> calls) {
    System.out.println("API-CALLS " + label + ": " + calls.size() + " " + calls);
  }

  @Test
  void anImageOfAMemberAccountIsWrittenToThatAccountsParameterThroughTheMemberRole(FaultProxy proxy) {
    proxy.reset();

    JsonNode result = AmiParameterUpdaterIT.invoke(handler(ORGANIZATION), imageOf(member.id(), MEMBER_AMI));

    assertThat(result.get("status").asText()).isEqualTo("updated");
    assertThat(memberParameter()).isEqualTo(MEMBER_AMI);
    assertThat(ownParameter()).as("the central account's parameter is untouched").isNull();
    assertThat(proxy.reached("DescribeAccount")).as("image account and AMI account: one answer, cached").isEqualTo(1);
    assertThat(proxy.reached("AssumeRole")).isEqualTo(1);
    report("ami-parameter-updater organization", proxy.reachedInOrder());
  }

  @Test
  void theSecondImageOfTheAccountReusesTheSessionAndTheAnswer(FaultProxy proxy) {
    AmiParameterUpdaterHandler handler = handler(ORGANIZATION);
    AmiParameterUpdaterIT.invoke(handler, imageOf(member.id(), MEMBER_AMI));
    proxy.reset();

    AmiParameterUpdaterIT.invoke(handler, imageOf(member.id(), "ami-0c0c0c0c0c0c0c0c0"));

    assertThat(memberParameter()).isEqualTo("ami-0c0c0c0c0c0c0c0c0");
    assertThat(proxy.reached("DescribeAccount")).isZero();
    assertThat(proxy.reached("AssumeRole")).isZero();
  }

  @Test
  void anImageClaimingAnAccountOutsideTheOrganizationChangesNothingAndSaysWhy(FaultProxy proxy) {
    proxy.reset();

    JsonNode result = AmiParameterUpdaterIT.invoke(handler(ORGANIZATION), imageOf(MemberAccount.OUTSIDER,
        MEMBER_AMI));

    assertThat(result.get("status").asText()).isEqualTo("skipped");
    assertThat(result.get("images").get(0).get("reason").asText()).isEqualTo("account 999999999999 is not in the"
        + " organization (organizations:DescribeAccount: AccountNotFoundException): the suite acts only for its"
        + " member accounts");
    assertThat(proxy.reached("AssumeRole")).isZero();
    assertThat(proxy.reached("PutParameter")).isZero();
  }

  @Test
  void singleAccountModeStillRefusesTheImageOfAnotherAccount(FaultProxy proxy) {
    proxy.reset();

    JsonNode result = AmiParameterUpdaterIT.invoke(handler(Deployment.SINGLE_ACCOUNT), imageOf(member.id(),
        MEMBER_AMI));

    assertThat(result.get("status").asText()).isEqualTo("skipped");
    assertThat(result.get("images").get(0).get("reason").asText()).isEqualTo("image belongs to account "
        + member.id() + "; this function publishes the images of account " + ACCOUNT);
    assertThat(memberParameter()).isNull();
    assertThat(proxy.reached("DescribeAccount") + proxy.reached("AssumeRole")).isZero();
  }

  @Test
  void aSingleAccountImageCostsNoOrganizationCall(FaultProxy proxy) {
    proxy.reset();

    AmiParameterUpdaterIT.invoke(handler(Deployment.SINGLE_ACCOUNT), imageOf(ACCOUNT, EAST_AMI));

    assertThat(ownParameter()).isEqualTo(EAST_AMI);
    assertThat(proxy.reached("DescribeAccount") + proxy.reached("AssumeRole")).isZero();
    report("ami-parameter-updater single-account", proxy.reachedInOrder());
  }

  @Test
  void aDeniedMemberRoleWritesNothingAndIsReported(FaultProxy proxy) {
    proxy.reset();
    proxy.failAlways("AssumeRole", AwsFault.accessDenied());

    ParametersIncompleteException error = catchThrowableOfType(ParametersIncompleteException.class,
        () -> AmiParameterUpdaterIT.invoke(handler(ORGANIZATION), imageOf(member.id(), MEMBER_AMI)));

    assertThat(error.result().images().get(0).parameters().get(0).detail()).startsWith("sts:AssumeRole: ")
        .contains("AccessDenied");
    assertThat(memberParameter()).isNull();
    assertThat(proxy.reached("PutParameter")).isZero();
    assertThat(inbox.take()).singleElement().satisfies(n -> assertThat(n.get("Subject").asText())
        .startsWith("AMI parameters INCOMPLETE"));
  }

  @Test
  void aThrottledOrganizationWritesNothingAndIsReported(FaultProxy proxy) {
    proxy.reset();
    proxy.failAlways("DescribeAccount", AwsFault.throttling());

    ParametersIncompleteException error = catchThrowableOfType(ParametersIncompleteException.class,
        () -> AmiParameterUpdaterIT.invoke(handler(ORGANIZATION), imageOf(member.id(), MEMBER_AMI)));

    assertThat(error.result().images().get(0).reason()).startsWith("organizations:DescribeAccount: ");
    assertThat(proxy.attempts("DescribeAccount")).as("the SDK's three attempts").isEqualTo(3);
    assertThat(proxy.reached("AssumeRole") + proxy.reached("PutParameter")).isZero();
    assertThat(memberParameter()).isNull();
    assertThat(inbox.take()).singleElement().satisfies(n -> assertThat(n.get("Subject").asText())
        .startsWith("AMI parameters INCOMPLETE"));
  }
}
