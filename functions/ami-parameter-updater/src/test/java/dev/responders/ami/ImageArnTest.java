package dev.responders.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.responders.shared.error.InvalidEventException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ImageArnTest {

  private static ImageArn arn(String versionAndBuild) {
    return ImageArn.parse("arn:aws:imagebuilder:us-east-1:123456789012:image/web-server/" + versionAndBuild, "arn");
  }

  @ParameterizedTest(name = "{0} is newer than {1}")
  @CsvSource({
      "1.2.0/4, 1.2.0/3",
      "1.2.0/1, 1.1.9/40",
      "1.10.0/1, 1.9.0/1",
      "2.0.0/1, 1.99.99/99",
      "1.2.10/1, 1.2.9/7"})
  void theSemanticVersionDecidesThenTheBuild(String newer, String older) {
    assertThat(arn(newer).isNewerThan(arn(older))).isTrue();
    assertThat(arn(older).isNewerThan(arn(newer))).isFalse();
  }

  @Test
  void theSameBuildIsNotNewer() {
    assertThat(arn("1.2.0/3").isNewerThan(arn("1.2.0/3"))).isFalse();
  }

  @Test
  void anotherRecipeIsAnotherImage() {
    ImageArn other = ImageArn.parse("arn:aws:imagebuilder:us-east-1:123456789012:image/db-server/1.2.0/3", "arn");

    assertThat(other.sameImageAs(arn("1.0.0/1"))).isFalse();
    assertThat(arn("1.2.0/3").sameImageAs(arn("1.0.0/1"))).isTrue();
  }

  @Test
  void isFoundInTheDescriptionThisFunctionWrites() {
    ImageBuild image = new ImageBuild(arn("1.2.0/3"), "Web", ImageStatus.AVAILABLE, null, null, null,
        java.util.List.of());

    assertThat(ImageArn.findIn(ParameterState.describe(image))).hasValue(arn("1.2.0/3"));
    assertThat(ImageArn.findIn("Latest AMI, set by hand")).isEmpty();
  }

  @Test
  void aVersionlessArnIsATypedError() {
    assertThat(catchThrowableOfType(InvalidEventException.class, () -> ImageArn.parse(
        "arn:aws:imagebuilder:us-east-1:123456789012:image/web-server", "resources[0]")).field())
        .isEqualTo("resources[0]");
  }
}
