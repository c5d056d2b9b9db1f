package io.tickstream.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InstrumentNamesTest {

    @Test
    void shouldAcceptTheNamesAndIdsOfTheDemoCatalogAndPersianSpelling() {
        new Instrument("12345", "زعفران0412P01");
        new Instrument("fx-1", "EURUSD");
        new Instrument("b0", "BENCH00000");
        new Instrument("۱۲۳", "Gold spot");
        new Instrument("9", "می\u200Cخواهم");
    }

    @Test
    void shouldRefuseIdsAndNamesThatHideTheirTextOrBreakKeysAndLogs() {
        Map<String, String> ids = Map.of(
                "12\r\n34", "U+000D",
                "x".repeat(10_000), "at most 64",
                "a b", "U+0020",
                "{1}", "U+007B");
        ids.forEach((id, reason) -> assertThatThrownBy(() -> new Instrument(id, "X"))
                .as(id).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason));
        Map<String, String> names = Map.of(
                "EURUSD ", "start or end with a space",
                " EURUSD", "start or end with a space",
                "EUR\u200FUSD", "U+200F",
                "\u202EDSURUE", "U+202E",
                "EUR\u200BUSD", "U+200B",
                "EUR\u200CUSD", "zero-width non-joiner",
                "\u0415URUSD", "mixes Latin letters with Cyrillic",
                "EUR\tUSD", "U+0009",
                "EUR  USD", "two spaces",
                "N".repeat(65), "at most 64");
        names.forEach((name, reason) -> assertThatThrownBy(() -> new Instrument("1", name))
                .as(name).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason));
    }

    @Test
    void shouldFoldNamesThatDifferOnlyInWidthCaseOrCompatibilityForms() {
        assertThat(InstrumentNames.key("ＥＵＲＵＳＤ")).isEqualTo(InstrumentNames.key("eurusd"));
        assertThat(InstrumentNames.key("STRASSE")).isEqualTo(InstrumentNames.key("straße"));
        assertThat(InstrumentNames.key("ﬁne")).isEqualTo(InstrumentNames.key("FINE"));
        assertThat(InstrumentNames.key("EURUSD")).isNotEqualTo(InstrumentNames.key("EURUSD1"));
    }

    @Test
    void shouldRefuseANameAnotherInstrumentHoldsAfterFoldingAndLetAnInstrumentKeepOrChangeItsOwn() {
        Catalog catalog = new Catalog();
        catalog.put(new Instrument("1", "EURUSD"));

        for (String taken : new String[] {"EURUSD", "eurusd", "ＥＵＲＵＳＤ"}) {
            assertThatThrownBy(() -> catalog.put(new Instrument("905", taken))).as(taken)
                    .isInstanceOf(NameTakenException.class).hasMessageContaining("held by instrument 1");
        }
        assertThat(catalog.byName("EURUSD")).get().extracting(Instrument::id).isEqualTo("1");
        assertThat(catalog.put(new Instrument("1", "EURUSD", 5, "deeper"))).isTrue();
        assertThat(catalog.put(new Instrument("1", "EURUSD.FX"))).isTrue();
        catalog.put(new Instrument("905", "EURUSD"));
        assertThat(catalog.byNameIgnoreCase("eurusd")).get().extracting(Instrument::id).isEqualTo("905");
    }
}
