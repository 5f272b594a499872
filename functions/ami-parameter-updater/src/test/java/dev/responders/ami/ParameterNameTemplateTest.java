package dev.responders.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.responders.shared.error.ConfigurationException;
import dev.responders.shared.error.InvalidEventException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterNameTemplateTest {

  private static final ImageBuild IMAGE = SnsImageMessages.read(ImageMessages.sample("sns/image-available.json")
      .getBytes(StandardCharsets.UTF_8)).images().get(0);
  private static final Ami WEST = IMAGE.amis().get(1);

  @Test
  void theDefaultNamesOneParameterPerImage() {
    assertThat(ParameterNameTemplate.of("/ec2-imagebuilder/{imageName}/latest").render(IMAGE, WEST))
        .isEqualTo("/ec2-imagebuilder/web-server/latest");
  }

  @Test
  void everyPlaceholderIsFilledFromTheImageAndItsAmi() {
    assertThat(ParameterNameTemplate.of("/amis/{pipelineName}/{accountId}/{region}/{imageName}").render(IMAGE, WEST))
        .isEqualTo("/amis/web-server-pipeline/123456789012/us-west-2/web-server");
  }

  @Test
  void anImageBuiltOutsideAPipelineHasNoPipelineName() {
    ImageBuild manual = new ImageBuild(IMAGE.arn(), IMAGE.displayName(), IMAGE.status(), null, null, null, IMAGE.amis());

    InvalidEventException error = catchThrowableOfType(InvalidEventException.class,
        () -> ParameterNameTemplate.of("/amis/{pipelineName}/latest").render(manual, WEST));

    assertThat(error.field()).isEqualTo("sourcePipelineArn");
  }

  @Test
  void templatesSsmWouldRefuseAreRefusedAtInit() {
    assertThat(ParameterNameTemplate.problems("/amis/{image}/latest")).anyMatch(p -> p.contains("unknown placeholder {image}"));
    assertThat(ParameterNameTemplate.problems("/amis/latest")).anyMatch(p -> p.contains("{imageName} or {pipelineName}"));
    assertThat(ParameterNameTemplate.problems("/aws/{imageName}")).anyMatch(p -> p.contains("/aws or /ssm"));
    assertThat(ParameterNameTemplate.problems("/SSM/{imageName}")).anyMatch(p -> p.contains("/aws or /ssm"));
    assertThat(ParameterNameTemplate.problems("amis/{imageName}")).anyMatch(p -> p.contains("must be a path"));
    assertThat(ParameterNameTemplate.problems("/amis//{imageName}")).anyMatch(p -> p.contains("must be a path"));
    assertThat(ParameterNameTemplate.problems("/a b/{imageName}")).anyMatch(p -> p.contains("must be a path"));
    assertThat(ParameterNameTemplate.problems("/1/2/3/4/5/6/7/8/9/10/11/12/13/14/15/{imageName}"))
        .anyMatch(p -> p.contains("15 levels"));
    assertThat(ParameterNameTemplate.problems("/ec2-imagebuilder/{imageName}/latest")).isEmpty();
  }

  @Test
  void theConfigurationListsEveryProblemAtOnce() {
    ConfigurationException error = catchThrowableOfType(ConfigurationException.class, () ->
        AmiParameterConfig.fromEnvironment(Map.of("AMI_PARAMETER_NAME", "/aws/latest",
            "TARGET_ACCOUNT_ROLE_NAME", "no spaces allowed", "RESPONDERS_ACCOUNT_ID", "12")));

    assertThat(error.problems()).hasSize(4).anyMatch(p -> p.startsWith("RESPONDERS_ACCOUNT_ID"))
        .anyMatch(p -> p.startsWith("TARGET_ACCOUNT_ROLE_NAME")).anyMatch(p -> p.contains("/aws or /ssm"));
  }

  @Test
  void anEmptyRoleMeansOtherAccountsAreSkipped() {
    AmiParameterConfig config = AmiParameterConfig.fromEnvironment(Map.of("AMI_PARAMETER_NAME",
        "/ec2-imagebuilder/{imageName}/latest", "TARGET_ACCOUNT_ROLE_NAME", "", "RESPONDERS_ACCOUNT_ID", "123456789012"));

    assertThat(config.targetAccountRole()).isNull();
  }
}
