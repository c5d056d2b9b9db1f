package io.tickstream.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.instrument.Instrument;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class DemoCatalogTest {

    private static final Predicate<String> PERSIAN = text -> text.codePoints()
            .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.ARABIC);

    private final List<Instrument> instruments = DemoCatalog.instruments();

    @Test
    void shouldContainPersianImeContractsWithNumericIdsWhenListed() {
        List<Instrument> ime = instruments.stream().filter(i -> PERSIAN.test(i.name())).toList();

        assertThat(ime).hasSizeGreaterThanOrEqualTo(6);
        assertThat(ime).allSatisfy(i -> assertThat(i.id()).matches("\\d+"));
        assertThat(ime).extracting(Instrument::name).contains("زعفران0412P01");
    }

    @Test
    void shouldContainFxPairsGoldAndBitcoinWhenListed() {
        assertThat(instruments).extracting(Instrument::name)
                .contains("EURUSD", "GBPUSD", "USDJPY", "AUDUSD", "USDCHF", "XAUUSD", "BTCUSDT");
    }

    @Test
    void shouldDescribeEveryInstrumentWithDepthThreeWhenListed() {
        assertThat(instruments).allSatisfy(i -> {
            assertThat(i.depth()).isEqualTo(3);
            assertThat(i.description()).isNotBlank();
        });
        assertThat(instruments).extracting(Instrument::id).doesNotHaveDuplicates();
        assertThat(instruments).extracting(Instrument::name).doesNotHaveDuplicates();
    }

    @Test
    void shouldPriceImeContractsInWholeRialsWhenProfiled() {
        instruments.stream().filter(i -> PERSIAN.test(i.name())).forEach(i -> {
            PriceProfile profile = DemoCatalog.profile(i);
            assertThat(profile.decimals()).isZero();
            assertThat(profile.openInterest()).isPositive();
            assertThat(profile.format(profile.startPrice())).matches("\\d{6,13}");
        });
    }

    @Test
    void shouldRenderDemoStartPricesWithFixedDecimalsWhenProfiled() {
        assertThat(startPrice("EURUSD")).isEqualTo("1.08500");
        assertThat(startPrice("USDJPY")).isEqualTo("151.500");
        assertThat(startPrice("XAUUSD")).isEqualTo("2350.00");
        assertThat(startPrice("BTCUSDT")).isEqualTo("67000.00");
        assertThat(startPrice("12345")).isEqualTo("1250000000");
    }

    @Test
    void shouldFindProfileByNameWhenIdIsNotInTheCatalog() {
        Instrument renamed = new Instrument("fx-1", "EURUSD");

        assertThat(DemoCatalog.profile(renamed).decimals()).isEqualTo(5);
    }

    @Test
    void shouldUseDefaultProfileWhenInstrumentIsUnknown() {
        PriceProfile profile = DemoCatalog.profile(new Instrument("999", "ContractA"));

        assertThat(profile).isEqualTo(DemoCatalog.DEFAULT_PROFILE);
        assertThat(profile.format(profile.startPrice())).isEqualTo("10000");
    }

    private String startPrice(String id) {
        Instrument instrument = instruments.stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
        PriceProfile profile = DemoCatalog.profile(instrument);
        return profile.format(profile.startPrice());
    }
}
