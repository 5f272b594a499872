package dev.responders.zendesk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PersonalDataRedactorTest {

  private final PersonalDataRedactor redactor = PersonalDataRedactor.forRequester("María José Pérez");

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"jane.doe@example.com", "j.doe+billing@mail.example.co.uk", "JANE@EXAMPLE.ORG",
      "jane (at) example.com"})
  void emailAddressesAreRemoved(String address) {
    assertThat(redactor.redact("write to " + address + " today")).isEqualTo("write to [email removed] today");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"+1 (415) 555-0134", "(415) 555-0134", "415.555.0134", "+44 20 7946 0958",
      "020 7946 0958", "+4915123456789", "0049 151 2345 6789"})
  void phoneNumbersAreRemoved(String number) {
    assertThat(redactor.redact("call " + number + " now")).isEqualTo("call [phone removed] now");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"2026-11-30", "version 2.40.2", "error 404", "ticket 35436", "port 8080", "12:30"})
  void datesVersionsAndShortNumbersStay(String text) {
    assertThat(redactor.redact(text)).isEqualTo(text);
  }

  @Test
  void theRequestersNameAndItsPartsAreRemovedWhateverTheCase() {
    assertThat(redactor.redact("Hola María, gracias MARÍA JOSÉ PÉREZ. Pérez-style dashes too."))
        .isEqualTo("Hola [name removed], gracias [name removed]. [name removed]-style dashes too.");
  }

  @Test
  void shortNamePartsAndUnknownRequestersRedactOnlyThePatterns() {
    PersonalDataRedactor al = PersonalDataRedactor.forRequester("Al");
    assertThat(al.redact("Also Al wrote")).isEqualTo("Also [name removed] wrote");
    assertThat(PersonalDataRedactor.forRequester(" ").redact("Al at al@example.com"))
        .isEqualTo("Al at [email removed]");
  }
}
