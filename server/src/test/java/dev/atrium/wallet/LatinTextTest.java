package dev.atrium.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatinTextTest {
  @Test
  void lettersWithDiacritics_loseThem_andLettersThatDoNotDecompose_comeFromTheTable() {
    assertThat(LatinText.transliterate("Straßenverkäufer")).isEqualTo("Strassenverkaufer");
    assertThat(LatinText.transliterate("Łukasz Żółć")).isEqualTo("Lukasz Zolc");
    assertThat(LatinText.transliterate("Crêpe Œuvre Noël garçon"))
        .isEqualTo("Crepe OEuvre Noel garcon");
    assertThat(LatinText.transliterate("Řeřicha Šťastný Ďáblice"))
        .isEqualTo("Rericha Stastny Dablice");
    assertThat(LatinText.transliterate("Ærøskøbing Đorđe Þór Iıİ"))
        .isEqualTo("AEroskobing Dorde Thor IiI");
    assertThat(LatinText.transliterate("O’Brien – Café")).isEqualTo("O'Brien - Cafe");
  }

  @Test
  void scriptsWithoutLatinForm_areKept_andDetected() {
    assertThat(LatinText.transliterate("老王面馆")).isEqualTo("老王面馆");
    assertThat(LatinText.hasLettersWithoutLatinForm("老王 Noodles")).isTrue();
    assertThat(LatinText.hasLettersWithoutLatinForm("Москва")).isTrue();
    assertThat(LatinText.hasLettersWithoutLatinForm("Łódź ☕ 2€")).isFalse();
  }

  @Test
  void printableAscii_dropsWhatIsLeft_collapsesSpaces_andCuts() {
    assertThat(LatinText.printableAscii("Kaffee ☕  Straße", 25)).isEqualTo("Kaffee Strasse");
    assertThat(LatinText.printableAscii("Brno-Žabovřesky-Sever", 15)).isEqualTo("Brno-Zabovresky");
    assertThat(LatinText.printableAscii("老王", 25)).isEmpty();
  }
}
