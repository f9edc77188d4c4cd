package dev.atrium.wallet.emvco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.wallet.emvco.MerchantPresentedQr.PointOfInitiation;
import dev.atrium.wallet.emvco.Tlv.DataObject;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class MerchantPresentedQrPropertiesTest {
  @Property(tries = 500)
  void everyValidCode_decodesToItself(@ForAll("codes") MerchantPresentedQr code) {
    assertThat(MerchantPresentedQr.decode(code.encode())).isEqualTo(code);
  }

  @Property(tries = 500)
  void changingAnyOneCharacter_isDetected(
      @ForAll("codes") MerchantPresentedQr code,
      @ForAll @IntRange(min = 0, max = 511) int position,
      @ForAll @IntRange(min = 1, max = 94) int shift) {
    String payload = code.encode();
    int at = position % payload.length();
    char changed = (char) (' ' + ((payload.charAt(at) - ' ' + shift) % 95));
    String tampered = payload.substring(0, at) + changed + payload.substring(at + 1);

    assertThatThrownBy(() -> MerchantPresentedQr.decode(tampered))
        .isInstanceOf(EmvcoFormatException.class);
  }

  @Property(tries = 300)
  void tlv_roundTrips(@ForAll("objects") List<DataObject> objects) {
    assertThat(Tlv.decode(Tlv.encode(objects))).isEqualTo(objects);
  }

  @Provide
  Arbitrary<MerchantPresentedQr> codes() {
    Arbitrary<String> identifiers =
        Arbitraries.strings().withChars("abcXYZ019._-").ofMinLength(1).ofMaxLength(25);
    Arbitrary<String> names =
        Arbitraries.strings()
            .withCharRange(' ', '~')
            .ofMinLength(1)
            .ofMaxLength(25)
            .filter(s -> !s.isBlank());
    Arbitrary<String> cities =
        names.map(s -> s.length() > 15 ? s.substring(0, 15) : s).filter(s -> !s.isBlank());
    Arbitrary<Long> amounts = Arbitraries.longs().between(1, MerchantPresentedQr.AMOUNT_CENTS_MAX);
    Arbitrary<Boolean> dynamic = Arbitraries.of(true, false);
    return Combinators.combine(
            dynamic,
            identifiers,
            identifiers.injectNull(0.3),
            Arbitraries.strings().numeric().ofLength(4),
            amounts,
            Arbitraries.of("DE", "FR", "AT", "NL"),
            names,
            cities)
        .as(
            (isDynamic, merchant, order, mcc, amount, country, name, city) ->
                new MerchantPresentedQr(
                    isDynamic ? PointOfInitiation.DYNAMIC : PointOfInitiation.STATIC,
                    merchant,
                    isDynamic ? order : null,
                    mcc,
                    isDynamic ? amount : null,
                    country,
                    name,
                    city,
                    isDynamic ? order : null));
  }

  @Provide
  Arbitrary<List<DataObject>> objects() {
    Arbitrary<DataObject> object =
        Combinators.combine(
                Arbitraries.integers().between(0, 99).map(n -> (n < 10 ? "0" : "") + n),
                Arbitraries.strings().ascii().ofMinLength(1).ofMaxLength(99))
            .as(DataObject::new);
    return object.list().ofMaxSize(5);
  }
}
