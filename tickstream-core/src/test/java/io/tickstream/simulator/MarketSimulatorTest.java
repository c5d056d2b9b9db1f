package io.tickstream.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.bus.InProcessBus;
import io.tickstream.instrument.Instrument;
import io.tickstream.state.FieldChange;
import io.tickstream.state.InstrumentState;
import io.tickstream.state.MalformedUpdateException;
import io.tickstream.state.StateField;
import io.tickstream.state.StateUpdate;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MarketSimulatorTest {

    private static final int STEPS = 3000;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-06T09:30:00Z"), ZoneOffset.UTC);
    private static final long RECEIVED_MICROS = CLOCK.millis() * 1000;
    private static final Set<StateField> PRICES = EnumSet.of(StateField.BUY_PRICE, StateField.SELL_PRICE,
            StateField.TOTAL_VALUE, StateField.CLOSING_PRICE, StateField.LAST_PRICE, StateField.LOW_PRICE,
            StateField.HIGH_PRICE, StateField.OPEN_PRICE, StateField.PREVIOUS_CLOSE,
            StateField.MIN_ALLOWED_PRICE, StateField.MAX_ALLOWED_PRICE);

    private final List<Instrument> instruments = DemoCatalog.instruments();
    private final RecordingPublisher publisher = new RecordingPublisher();

    @Test
    void shouldKeepBookOrderedWhenEveryUpdateIsMerged() throws Exception {
        run();
        for (Instrument instrument : instruments) {
            InstrumentState state = InstrumentState.initial(instrument);
            for (StateUpdate update : publisher.updatesOf(instrument.id())) {
                state = state.merge(update, RECEIVED_MICROS);
                assertThat(price(state, StateField.BUY_PRICE, 1)).isLessThan(price(state, StateField.SELL_PRICE, 1));
                for (int level = 2; level <= instrument.depth(); level++) {
                    assertThat(price(state, StateField.BUY_PRICE, level))
                            .isLessThan(price(state, StateField.BUY_PRICE, level - 1));
                    assertThat(price(state, StateField.SELL_PRICE, level))
                            .isGreaterThan(price(state, StateField.SELL_PRICE, level - 1));
                }
            }
        }
    }

    @Test
    void shouldCarryFullStateWhenInstrumentPublishesItsFirstUpdate() throws Exception {
        run();
        for (Instrument instrument : instruments) {
            assertThat(publisher.updatesOf(instrument.id()).get(0).changes())
                    .hasSize(StateField.slotCount(instrument.depth()));
        }
    }

    @Test
    void shouldRenderImePricesAsIntegersAndEurusdWithFiveDecimalsWhenPublishing() throws Exception {
        run();
        Instrument saffron = instrument("12345");
        Instrument eurusd = instrument("EURUSD");
        assertThat(priceTexts(saffron)).isNotEmpty().allSatisfy(text -> assertThat(text).matches("-?\\d+"));
        assertThat(priceTexts(eurusd)).isNotEmpty().allSatisfy(text -> assertThat(text).matches("-?\\d+\\.\\d{5}"));
        assertThat(tradePrices(saffron)).isNotEmpty().allSatisfy(p -> assertThat(p.scale()).isZero());
        assertThat(tradePrices(eurusd)).isNotEmpty().allSatisfy(p -> assertThat(p.scale()).isEqualTo(5));
    }

    @Test
    void shouldLeaveSeqAndEpochToThePublisherWhenStepping() throws Exception {
        run();
        for (Instrument instrument : instruments) {
            assertThat(publisher.updatesOf(instrument.id())).isNotEmpty()
                    .allSatisfy(update -> assertThat(update.seq()).isEqualTo(StateUpdate.ABSENT))
                    .allSatisfy(update -> assertThat(update.epoch()).isNull());
        }
    }

    @Test
    void shouldAddEveryTradePrintToTheTotalsWhenTradesHappen() throws Exception {
        run();
        for (Instrument instrument : instruments) {
            List<Map<?, ?>> prints = publisher.tradesOf(instrument.id());
            InstrumentState state = merged(instrument);
            BigDecimal volume = BigDecimal.ZERO;
            BigDecimal value = BigDecimal.ZERO;
            for (Map<?, ?> print : prints) {
                BigDecimal quantity = (BigDecimal) print.get("quantity");
                volume = volume.add(quantity);
                value = value.add(quantity.multiply((BigDecimal) print.get("price")));
            }
            assertThat(prints).hasSizeGreaterThan(20);
            assertThat(state.value(StateField.TRADE_COUNT, 0)).isEqualTo(Integer.toString(prints.size()));
            assertThat(new BigDecimal(state.value(StateField.TOTAL_VOLUME, 0))).isEqualByComparingTo(volume);
            assertThat(new BigDecimal(state.value(StateField.TOTAL_VALUE, 0))).isEqualByComparingTo(value);
            assertThat(prints.get(prints.size() - 1).get("tradeId")).isEqualTo(instrument.id() + "-" + prints.size());
        }
    }

    @Test
    void shouldCountTradesOneByOneWhenAggregateChanges() throws Exception {
        run();
        for (Instrument instrument : instruments) {
            List<String> counts = new ArrayList<>();
            for (StateUpdate update : publisher.updatesOf(instrument.id())) {
                update.changes().stream().filter(c -> c.field() == StateField.TRADE_COUNT)
                        .forEach(c -> counts.add(c.value()));
            }
            for (int i = 1; i < counts.size(); i++) {
                assertThat(Long.parseLong(counts.get(i))).isEqualTo(Long.parseLong(counts.get(i - 1)) + 1);
            }
        }
    }

    @Test
    void shouldKeepPricesWithinHighLowAndAllowedRangeWhenTradesExist() throws Exception {
        run();
        for (Instrument instrument : instruments) {
            InstrumentState state = merged(instrument);
            BigDecimal last = price(state, StateField.LAST_PRICE, 0);
            assertThat(price(state, StateField.HIGH_PRICE, 0)).isGreaterThanOrEqualTo(last);
            assertThat(price(state, StateField.LOW_PRICE, 0)).isLessThanOrEqualTo(last)
                    .isGreaterThanOrEqualTo(price(state, StateField.MIN_ALLOWED_PRICE, 0));
            assertThat(price(state, StateField.HIGH_PRICE, 0))
                    .isLessThanOrEqualTo(price(state, StateField.MAX_ALLOWED_PRICE, 0));
            assertThat(price(state, StateField.CLOSING_PRICE, 0))
                    .isBetween(price(state, StateField.LOW_PRICE, 0), price(state, StateField.HIGH_PRICE, 0));
        }
    }

    @Test
    void shouldPublishIdenticalUpdatesWhenSeedAndClockAreEqual() {
        run();
        RecordingPublisher again = new RecordingPublisher();
        MarketSimulator twin = new MarketSimulator(again, instruments, 20, new SplittableRandom(42), CLOCK);
        for (int i = 0; i < STEPS; i++) {
            twin.step();
        }

        assertThat(again.updates()).extracting(RecordingPublisher.Message::json)
                .isEqualTo(publisher.updates().stream().map(RecordingPublisher.Message::json).toList());
    }

    @Test
    void shouldStoreStateWithoutErrorsWhenPublishingToInProcessBus() {
        InProcessBus bus = new InProcessBus(instruments);
        MarketSimulator simulator = new MarketSimulator(bus, instruments, 20, new SplittableRandom(7), CLOCK);
        for (int i = 0; i < 500; i++) {
            simulator.step();
        }

        assertThat(simulator.errors()).isZero();
        assertThat(bus.loadState("12345").toCompletableFuture().join())
                .containsKeys("BestLimit.3.sell_price", "Aggregate.date", "ContractInfo.open_interest", "seq")
                .containsEntry("Aggregate.date", "2024/03/06")
                .containsEntry("AllowedPriceRange.minAllowedPrice", "1125000000");
    }

    private void run() {
        MarketSimulator simulator = new MarketSimulator(publisher, instruments, 20, new SplittableRandom(42), CLOCK);
        for (int i = 0; i < STEPS; i++) {
            simulator.step();
        }
        assertThat(simulator.errors()).isZero();
        assertThat(publisher.accountEvents()).isEmpty();
    }

    private Instrument instrument(String id) {
        return instruments.stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
    }

    private InstrumentState merged(Instrument instrument) throws MalformedUpdateException {
        InstrumentState state = InstrumentState.initial(instrument);
        for (StateUpdate update : publisher.updatesOf(instrument.id())) {
            state = state.merge(update, RECEIVED_MICROS);
        }
        return state;
    }

    private List<String> priceTexts(Instrument instrument) throws MalformedUpdateException {
        return publisher.updatesOf(instrument.id()).stream().flatMap(u -> u.changes().stream())
                .filter(c -> PRICES.contains(c.field())).map(FieldChange::value).toList();
    }

    private List<BigDecimal> tradePrices(Instrument instrument) throws IOException {
        return publisher.tradesOf(instrument.id()).stream().map(print -> (BigDecimal) print.get("price")).toList();
    }

    private static BigDecimal price(InstrumentState state, StateField field, int level) {
        return new BigDecimal(state.value(field, level));
    }
}
