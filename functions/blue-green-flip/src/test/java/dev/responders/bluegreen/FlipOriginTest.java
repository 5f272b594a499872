package dev.responders.bluegreen;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlipOriginTest {

  private static final String JOB = "11111111-abcd-1111-abcd-111111111111";
  private static final String EXECUTION = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

  @Test
  void theDescriptionRecordsTheJobAndExecutionAndIsReadBack() {
    String description = FlipOrigin.job(JOB, EXECUTION).description(Colour.BLUE);

    assertThat(description).isEqualTo("Blue/green live colour blue, set by job=" + JOB + " execution=" + EXECUTION);
    assertThat(description).hasSizeLessThanOrEqualTo(1024);
    assertThat(FlipOrigin.readFrom(description)).contains(FlipOrigin.job(JOB, EXECUTION));
  }

  @Test
  void aRetryIsRecognisedByItsJobOrByItsExecution() {
    String description = FlipOrigin.job(JOB, EXECUTION).description(Colour.GREEN);

    assertThat(FlipOrigin.job(JOB, null).recordedIn(description)).as("Lambda retry: same job").isTrue();
    assertThat(FlipOrigin.job("22222222-abcd-2222-abcd-222222222222", EXECUTION).recordedIn(description))
        .as("stage retry: new job, same execution").isTrue();
    assertThat(FlipOrigin.job("22222222-abcd-2222-abcd-222222222222", "bbbbbbbb-bbbb-cccc-dddd-eeeeeeeeeeee")
        .recordedIn(description)).as("the next execution").isFalse();
    assertThat(FlipOrigin.job("22222222-abcd-2222-abcd-222222222222", null).recordedIn(description)).isFalse();
  }

  @Test
  void aDeploymentIsRecognisedByItsIdAndNeverConfusedWithAJob() {
    String description = FlipOrigin.deployment("d-7H2K9QW3X").description(Colour.GREEN);

    assertThat(description).isEqualTo("Blue/green live colour green, set by deployment=d-7H2K9QW3X");
    assertThat(FlipOrigin.deployment("d-7H2K9QW3X").recordedIn(description)).isTrue();
    assertThat(FlipOrigin.deployment("d-7H2K9QW3").recordedIn(description)).as("a prefix is another id").isFalse();
    assertThat(FlipOrigin.job(JOB, null).recordedIn(description)).isFalse();
  }

  @Test
  void descriptionsWrittenByOthersRecordNoOrigin() {
    assertThat(FlipOrigin.readFrom(null)).isEmpty();
    assertThat(FlipOrigin.readFrom("Blue/green live colour (null before the first deployment), set by "
        + "BlueGreenFlipFunction.")).isEmpty();
    assertThat(FlipOrigin.job(JOB, EXECUTION).recordedIn(null)).isFalse();
    assertThat(FlipOrigin.job(JOB, null).recordedIn("note: rollback of job=" + JOB.substring(1))).isFalse();
  }
}
