package dev.responders.shared.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.responders.shared.error.InvalidEventException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArnTest {

  @Test
  void splitsAnInstanceArn() {
    Arn arn = Arn.parse("arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc", "resources[0]");

    assertThat(arn.service()).isEqualTo("ec2");
    assertThat(arn.region()).isEqualTo("eu-west-1");
    assertThat(arn.account()).isEqualTo("123456789012");
    assertThat(arn.resourceType()).isEqualTo("instance");
    assertThat(arn.resourceId()).isEqualTo("i-0abc");
  }

  @ParameterizedTest
  @ValueSource(strings = {"i-0abc", "arn:aws:ec2", "arn:aws:ec2:us-east-1:12345:instance/i-1", "arn:nope:ec2:r:123456789012:x"})
  void rejectsWhatIsNotAnArnNamingTheField(String value) {
    assertThatThrownBy(() -> Arn.parse(value, "resources[0]"))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageStartingWith("Invalid event: resources[0] is not an ARN");
  }
}
