package dev.atrium.wallet.sepa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SepaIdentifiersTest {
  @Test
  void publishedIbans_areValid() {
    assertThat(Iban.isValid("DE89370400440532013000")).isTrue();
    assertThat(Iban.isValid("BE72000000001616")).isTrue();
    assertThat(Iban.isValid("GB82WEST12345698765432")).isTrue();
    assertThat(Iban.isValid("FR1420041010050500013M02606")).isTrue();
    assertThat(Iban.isValid("NL91ABNA0417164300")).isTrue();
    assertThat(Iban.isValid("AT611904300234573201")).isTrue();
  }

  @Test
  void printedForm_isAcceptedAndNormalised() {
    Iban iban = Iban.parse("de89 3704 0044 0532 0130 00", "iban");

    assertThat(iban.value()).isEqualTo("DE89370400440532013000");
    assertThat(iban.printed()).isEqualTo("DE89 3704 0044 0532 0130 00");
    assertThat(iban.countryCode()).isEqualTo("DE");
  }

  @Test
  void oneWrongDigit_failsTheChecksum() {
    assertThatThrownBy(() -> Iban.parse("DE89370400440532013001", "iban"))
        .isInstanceOf(SepaError.InvalidIban.class)
        .hasMessageContaining("check digits");
  }

  @Test
  void swappedDigits_failTheChecksum() {
    assertThat(Iban.isValid("DE89370400440532031000")).isFalse();
  }

  @Test
  void wrongLengthForCountry_isRefusedWithTheExpectedLength() {
    assertThatThrownBy(() -> Iban.parse("DE8937040044053201300", "iban"))
        .isInstanceOf(SepaError.InvalidIban.class)
        .hasMessageContaining("has 22 characters, not 21");
  }

  @Test
  void countryOutsideSepa_isRefused() {
    // A valid Brazilian IBAN: right checksum, but SEPA transfers cannot reach it.
    assertThatThrownBy(() -> Iban.parse("BR1800360305000010009795493C1", "iban"))
        .isInstanceOf(SepaError.InvalidIban.class)
        .hasMessageContaining("not in the SEPA area");
  }

  @Test
  void garbage_isRefusedWithTheFieldNamed() {
    assertThatThrownBy(() -> Iban.parse("not an iban", "creditorIban"))
        .isInstanceOf(SepaError.InvalidIban.class)
        .satisfies(
            e -> assertThat(((SepaError) e).details()).containsEntry("field", "creditorIban"));
    assertThat(Iban.isValid("")).isFalse();
    assertThat(Iban.isValid(null)).isFalse();
    assertThat(Iban.isValid("DE89" + "1".repeat(40))).isFalse();
  }

  @Test
  void bic_acceptsEightAndElevenCharacters() {
    assertThat(Bic.parse("cobadeff", "bic").value()).isEqualTo("COBADEFF");
    assertThat(Bic.parse("BYLADEM1001", "bic").value()).isEqualTo("BYLADEM1001");
    assertThat(Bic.isValid("BPOTBEB1")).isTrue();
  }

  @Test
  void bic_refusesOtherShapes() {
    assertThat(Bic.isValid("COBADEF")).isFalse();
    assertThat(Bic.isValid("COBADEFFX")).isFalse();
    assertThat(Bic.isValid("1OBADEFF")).isFalse();
    assertThat(Bic.isValid("COBA1EFF")).isFalse();
    assertThatThrownBy(() -> Bic.parse("COBADEFF1", "bic"))
        .isInstanceOf(SepaError.InvalidBic.class);
  }

  @Test
  void creditorReference_matchesTheIso11649Example() {
    // ISO 11649's own example: the body 539007547034 gets check digits 18.
    assertThat(CreditorReference.of("539007547034").value()).isEqualTo("RF18539007547034");
    assertThat(CreditorReference.parse("rf18 5390 0754 7034"))
        .map(CreditorReference::value)
        .contains("RF18539007547034");
  }

  @Test
  void creditorReference_withWrongCheckDigits_isNotParsed() {
    assertThat(CreditorReference.parse("RF19539007547034")).isEmpty();
    assertThat(CreditorReference.parse("RF18539007547035")).isEmpty();
    assertThat(CreditorReference.parse("RF18")).isEmpty();
    assertThatThrownBy(() -> new CreditorReference("RF19539007547034"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void creditorReference_isFoundInFreeTextWithSpaces() {
    CreditorReference reference = CreditorReference.of("K7QD2M9XWB4TR6NP");

    assertThat(CreditorReference.find("Top-up RF90 K7QD 2M9X WB4T R6NP thanks!", 16))
        .contains(reference);
    assertThat(CreditorReference.find("top-up rf90k7qd2m9xwb4tr6np", 16)).contains(reference);
    assertThat(CreditorReference.find("Invoice RF18539007547034", 16)).isEmpty();
    assertThat(CreditorReference.find("RF91K7QD2M9XWB4TR6NP", 16)).isEmpty();
    assertThat(CreditorReference.find(null, 16)).isEmpty();
  }
}
