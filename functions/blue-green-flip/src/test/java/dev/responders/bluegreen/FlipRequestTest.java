package dev.responders.bluegreen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.responders.shared.error.InvalidEventException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FlipRequestTest {

  private static final String FIELD = "UserParameters";

  private static FlipRequest read(String userParameters) {
    return FlipRequest.fromUserParameters(userParameters, "/bluegreen/live", FIELD);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "{}", "{\"target\": null}"})
  void nothingAskedMeansTheOtherColourOfTheDefaultParameter(String userParameters) {
    assertThat(read(userParameters)).isEqualTo(new FlipRequest("/bluegreen/live", Optional.empty(), null));
  }

  @Test
  void everySettingIsRead() {
    FlipRequest request = read("""
        {"parameter": "/bluegreen/myapp/live", "target": "green",
         "pipelineExecutionId": "0d3c2b1a-9f8e-4d7c-8b6a-5f4e3d2c1b0a"}""");

    assertThat(request).isEqualTo(new FlipRequest("/bluegreen/myapp/live", Optional.of(Colour.GREEN),
        "0d3c2b1a-9f8e-4d7c-8b6a-5f4e3d2c1b0a"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "blue                                          | UserParameters",
      "[\"blue\"]                                    | UserParameters",
      "{\"target\": \"Blue\"}                        | UserParameters.target",
      "{\"target\": \"null\"}                        | UserParameters.target",
      "{\"target\": 1}                               | UserParameters.target",
      "{\"target\": \"\"}                            | UserParameters.target",
      "{\"parameter\": \"bluegreen/live\"}           | UserParameters.parameter",
      "{\"parameter\": \"/blue green/live\"}         | UserParameters.parameter",
      "{\"pipelineExecutionId\": \"#{codepipeline.PipelineExecutionId}\"} | UserParameters.pipelineExecutionId",
      "{\"colour\": \"blue\"}                        | UserParameters.colour"})
  void whatCannotBeHonouredIsRefusedNamingTheSetting(String userParameters, String field) {
    assertThatThrownBy(() -> read(userParameters))
        .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.field()).isEqualTo(field));
  }

  @Test
  void aLongValueIsQuotedBackCutShort() {
    assertThatThrownBy(() -> read("{\"target\": \"" + "x".repeat(500) + "\"}"))
        .hasMessageEndingWith("...' (500 characters)")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
  }
}
