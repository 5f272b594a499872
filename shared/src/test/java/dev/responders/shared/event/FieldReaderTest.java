package dev.responders.shared.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.responders.shared.error.InvalidEventException;
import dev.responders.shared.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading a document nested in an event (an SNS message): every error names the full path. */
class FieldReaderTest {

  private static final JsonNode MESSAGE = Json.read("""
      {"buildVersion": 3, "text": "7", "reason": null,
       "amis": [{"image": "ami-1"}, {"image": "ami-2"}], "mixed": [{"a": 1}, 5]}""", JsonNode.class);

  private final FieldReader message = FieldReader.at(MESSAGE, "Records[0].Sns.Message");

  @Test
  void namesFieldsUnderTheGivenPath() {
    assertThat(message.pathOf("state")).isEqualTo("Records[0].Sns.Message.state");
    assertThat(field(() -> message.object("state"))).isEqualTo("Records[0].Sns.Message.state");
    assertThat(field(() -> FieldReader.at(MESSAGE.get("text"), "Records[0].Sns.Message")))
        .isEqualTo("Records[0].Sns.Message");
  }

  @Test
  void readsFlagsWrittenAsBooleansOrAsStrings() {
    FieldReader request = FieldReader.at(Json.read("""
        {"setAsDefault": true, "asText": "false", "number": 1, "word": "yes", "none": null}""", JsonNode.class),
        "detail.requestParameters");
    assertThat(request.optionalBoolean("setAsDefault")).hasValue(true);
    assertThat(request.optionalBoolean("asText")).hasValue(false);
    assertThat(request.optionalBoolean("none")).isEmpty();
    assertThat(request.optionalBoolean("absent")).isEmpty();
    assertThat(field(() -> request.optionalBoolean("number"))).isEqualTo("detail.requestParameters.number");
    assertThat(field(() -> request.optionalBoolean("word"))).isEqualTo("detail.requestParameters.word");
  }

  @Test
  void readsOptionalTextsAndWholeNumbers() {
    assertThat(message.optionalText("reason")).isEmpty();
    assertThat(message.optionalText("absent")).isEmpty();
    assertThat(message.optionalText("text")).hasValue("7");
    assertThat(message.has("reason")).isFalse();
    assertThat(message.has("buildVersion")).isTrue();
    assertThat(message.integer("buildVersion")).isEqualTo(3);
    assertThat(message.integer("text")).isEqualTo(7);
    assertThat(field(() -> message.integer("amis"))).isEqualTo("Records[0].Sns.Message.amis");
    assertThat(field(() -> message.optionalText("buildVersion"))).isEqualTo("Records[0].Sns.Message.buildVersion");
  }

  @Test
  void readsArraysOfObjectsWithTheirIndexInThePath() {
    List<FieldReader> amis = message.objects("amis");

    assertThat(amis).extracting(ami -> ami.text("image")).containsExactly("ami-1", "ami-2");
    assertThat(field(() -> amis.get(1).text("region"))).isEqualTo("Records[0].Sns.Message.amis[1].region");
    assertThat(field(() -> message.objects("mixed"))).isEqualTo("Records[0].Sns.Message.mixed[1]");
    assertThat(field(() -> message.objects("text"))).isEqualTo("Records[0].Sns.Message.text");
  }

  private static String field(Runnable read) {
    return catchThrowableOfType(InvalidEventException.class, read::run).field();
  }
}
