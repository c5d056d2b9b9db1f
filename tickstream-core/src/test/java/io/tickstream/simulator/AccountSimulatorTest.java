package io.tickstream.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickstream.bus.MarketPublisher;
import io.tickstream.instrument.Instrument;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AccountSimulatorTest {

    private static final String ACCOUNT = "alice";
    private static final int STEPS = 2000;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-06T09:30:00Z"), ZoneOffset.UTC);
    private static final Set<String> TYPES = Set.of("balance", "order", "trade", "position", "notification");
    private static final Set<String> MONEY = Set.of("balance", "available", "equity", "fee", "unrealizedPnl");
    private static final Set<String> PRICES = Set.of("price", "averagePrice");
    private static final Set<String> DOLLAR_QUOTED = Set.of("EURUSD", "GBPUSD", "AUDUSD", "XAUUSD", "BTCUSDT");
    private static final BigDecimal OPENING = new BigDecimal("100000.00");

    private final List<Instrument> instruments = DemoCatalog.instruments().stream()
            .filter(instrument -> Set.of("EURUSD", "USDJPY", "XAUUSD", "BTCUSDT", "12345").contains(instrument.id()))
            .toList();
    private final RecordingPublisher publisher = new RecordingPublisher();

    @Test
    void shouldPublishTypeDataAndTsWhenStepping() throws Exception {
        for (Map<String, Object> event : run(STEPS)) {
            assertThat(event.keySet()).containsExactly("type", "data", "ts");
            assertThat(TYPES).contains((String) event.get("type"));
            assertThat(event.get("data")).isInstanceOf(Map.class);
            assertThat(event.get("ts")).isEqualTo(BigDecimal.valueOf(CLOCK.millis()));
        }
    }

    @Test
    void shouldPublishEveryEventTypeWhenFiftyStepsRun() throws Exception {
        assertThat(run(50)).extracting(event -> event.get("type")).containsAll(TYPES);
    }

    @Test
    void shouldOpenWithTheBalanceWhenFirstStepping() throws Exception {
        Map<String, Object> first = run(1).get(0);

        assertThat(first.get("type")).isEqualTo("balance");
        assertThat(data(first)).containsEntry("currency", "USD").containsEntry("balance", OPENING)
                .containsEntry("available", OPENING).containsEntry("equity", OPENING);
    }

    @Test
    void shouldPublishUnderTheGivenAccountWhenStepping() throws Exception {
        run(STEPS);

        assertThat(publisher.accountEvents()).hasSize(STEPS)
                .allSatisfy(message -> assertThat(message.account()).isEqualTo(ACCOUNT));
    }

    @Test
    void shouldFillOnlyAnEarlierOrderWhenTradesArrive() throws Exception {
        Map<Object, Map<String, Object>> placed = new HashMap<>();
        int fills = 0;
        for (Map<String, Object> event : run(STEPS)) {
            Map<String, Object> data = data(event);
            if (event.get("type").equals("order") && data.get("status").equals("new")) {
                assertThat(placed.put(data.get("orderId"), data)).isNull();
            }
            if (event.get("type").equals("trade")) {
                fills++;
                Map<String, Object> order = placed.remove(data.get("orderId"));
                assertThat(order).isNotNull();
                for (String field : List.of("symbol", "side", "quantity", "price")) {
                    assertThat(data.get(field)).isEqualTo(order.get(field));
                }
            }
        }
        assertThat(fills).isGreaterThan(50);
    }

    @Test
    void shouldKeepPositionEqualToSignedSumOfFillsWhenPositionsChange() throws Exception {
        Map<Object, BigDecimal> filled = new HashMap<>();
        int positions = 0;
        for (Map<String, Object> event : run(STEPS)) {
            Map<String, Object> data = data(event);
            if (event.get("type").equals("trade")) {
                BigDecimal quantity = (BigDecimal) data.get("quantity");
                filled.merge(data.get("symbol"), data.get("side").equals("buy") ? quantity : quantity.negate(),
                        BigDecimal::add);
            }
            if (event.get("type").equals("position")) {
                positions++;
                assertThat(data.get("quantity")).isEqualTo(filled.get(data.get("symbol")));
            }
        }
        assertThat(positions).isGreaterThan(50);
    }

    @Test
    void shouldMoveBalanceOnlyByRealizedPnlLessFeeWhenFillsArrive() throws Exception {
        Map<Object, Map<String, Object>> positions = new HashMap<>();
        BigDecimal expected = OPENING;
        int realizing = 0;
        for (Map<String, Object> event : run(STEPS)) {
            Map<String, Object> data = data(event);
            switch ((String) event.get("type")) {
                case "balance" -> assertThat(data.get("balance")).isEqualTo(expected);
                case "trade" -> {
                    BigDecimal realized = realized(positions.get(data.get("symbol")), data);
                    realizing += realized.signum() == 0 ? 0 : 1;
                    expected = expected.add(realized).subtract((BigDecimal) data.get("fee"));
                }
                case "position" -> positions.put(data.get("symbol"), data);
                default -> assertThat(event.get("data").toString()).doesNotContain("Deposit");
            }
        }
        assertThat(realizing).isGreaterThan(20);
    }

    @Test
    void shouldDepositUpToTheOpeningEquityWhenEquityFallsBelowHalf() throws Exception {
        List<Instrument> dollarQuoted = DemoCatalog.instruments().stream()
                .filter(instrument -> DOLLAR_QUOTED.contains(instrument.name()))
                .toList();
        AccountSimulator simulator = new AccountSimulator(publisher, ACCOUNT, dollarQuoted, 20, new SplittableRandom(1),
                CLOCK);
        for (int i = 0; i < 100 && !publisher.accountEvents().toString().contains("Deposit of"); i++) {
            for (int step = 0; step < 1000; step++) {
                simulator.step();
            }
        }
        List<Map<String, Object>> events = publisher.parsedAccountEvents();
        int deposit = IntStream.range(0, events.size())
                .filter(i -> data(events.get(i)).getOrDefault("message", "").toString().startsWith("Deposit of"))
                .findFirst().orElseThrow(() -> new AssertionError("no deposit in " + events.size() + " events"));
        String message = data(events.get(deposit)).get("message").toString();
        Map<String, Object> next = events.get(deposit + 1);

        assertThat(new BigDecimal(message.split(" ")[2])).isGreaterThan(OPENING.divide(BigDecimal.valueOf(2)));
        assertThat(next.get("type")).isEqualTo("balance");
        assertThat(data(next)).containsEntry("equity", OPENING);
    }

    @Test
    void shouldRenderPricesWithProfileDecimalsAndMoneyWithTwoWhenPublishing() throws Exception {
        Map<String, Integer> decimals = new HashMap<>();
        instruments.forEach(instrument -> decimals.put(instrument.name(), DemoCatalog.profile(instrument).decimals()));
        int prices = 0;
        for (Map<String, Object> event : run(STEPS)) {
            Map<String, Object> data = data(event);
            for (Map.Entry<String, Object> field : data.entrySet()) {
                if (PRICES.contains(field.getKey())) {
                    prices++;
                    assertThat(((BigDecimal) field.getValue()).scale()).isEqualTo(decimals.get(data.get("symbol")));
                }
                if (MONEY.contains(field.getKey())) {
                    assertThat(((BigDecimal) field.getValue()).scale()).isEqualTo(2);
                }
            }
        }
        assertThat(prices).isGreaterThan(100);
        assertThat(publisher.accountEvents()).extracting(RecordingPublisher.AccountMessage::json)
                .anySatisfy(json -> assertThat(json).contains("\"price\":1.0"))
                .anySatisfy(json -> assertThat(json).contains("زعفران0412P01"));
    }

    @Test
    void shouldRejectOrdersWithAWarningWhenMarginIsInsufficient() throws Exception {
        List<Instrument> saffron = instruments.stream().filter(instrument -> instrument.id().equals("12345")).toList();
        AccountSimulator simulator = new AccountSimulator(publisher, ACCOUNT, saffron, 20, new SplittableRandom(3),
                CLOCK);
        for (int i = 0; i < 200; i++) {
            simulator.step();
        }
        List<Map<String, Object>> events = publisher.parsedAccountEvents();

        assertThat(events).extracting(event -> event.get("type")).doesNotContain("order", "trade", "position");
        assertThat(events).filteredOn(event -> event.get("type").equals("notification")).extracting(this::data)
                .anySatisfy(data -> assertThat(data).containsEntry("level", "warning")
                        .hasEntrySatisfying("message", message -> assertThat((String) message)
                                .startsWith("Order rejected, insufficient margin")));
    }

    @Test
    void shouldPublishIdenticalEventsWhenSeedAndClockAreEqual() throws Exception {
        run(STEPS);
        RecordingPublisher again = new RecordingPublisher();
        AccountSimulator twin = simulator(again, new SplittableRandom(42));
        for (int i = 0; i < STEPS; i++) {
            twin.step();
        }

        assertThat(again.accountEvents()).extracting(RecordingPublisher.AccountMessage::json)
                .isEqualTo(publisher.accountEvents().stream().map(RecordingPublisher.AccountMessage::json).toList());
    }

    @Test
    void shouldTradeDollarQuotedInstrumentsWhenDemo() throws Exception {
        AccountSimulator demo = AccountSimulator.demo(publisher, ACCOUNT);
        for (int i = 0; i < 500; i++) {
            demo.step();
        }

        assertThat(demo.errors()).isZero();
        assertThat(publisher.parsedAccountEvents()).extracting(this::data)
                .filteredOn(data -> data.containsKey("symbol")).extracting(data -> data.get("symbol"))
                .isNotEmpty().isSubsetOf(DOLLAR_QUOTED);
    }

    @Test
    void shouldPublishOnItsOwnDaemonThreadWhenStarted() throws Exception {
        RecordingPublisher awaiting = new RecordingPublisher(10);
        try (AccountSimulator simulator = simulator(awaiting, new SplittableRandom(1), 200)) {
            simulator.start();

            assertThat(awaiting.awaitMessages(TIMEOUT)).isTrue();
        }
        Thread thread = awaiting.accountEvents().get(0).thread();

        assertThat(thread.getName()).isEqualTo(AccountSimulator.THREAD_NAME);
        assertThat(thread.isDaemon()).isTrue();
    }

    @Test
    void shouldStopTheThreadWhenClosed() throws Exception {
        RecordingPublisher awaiting = new RecordingPublisher(5);
        AccountSimulator simulator = simulator(awaiting, new SplittableRandom(1), 200);
        simulator.start();
        assertThat(awaiting.awaitMessages(TIMEOUT)).isTrue();

        simulator.close();
        int published = awaiting.accountEvents().size();
        Thread thread = awaiting.accountEvents().get(0).thread();
        thread.join(TIMEOUT.toMillis());

        assertThat(thread.isAlive()).isFalse();
        assertThat(awaiting.accountEvents()).hasSize(published);
    }

    @Test
    void shouldRefuseToStartWhenAlreadyStartedOrClosed() {
        AccountSimulator simulator = simulator(publisher, new SplittableRandom(1));
        simulator.start();

        assertThatThrownBy(simulator::start).isInstanceOf(IllegalStateException.class);
        simulator.close();
        simulator.close();
        assertThatThrownBy(simulator::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldCountErrorsAndKeepSteppingWhenPublisherFails() {
        FailingPublisher failing = new FailingPublisher();
        AccountSimulator simulator = simulator(failing, new SplittableRandom(1));
        for (int i = 0; i < 10; i++) {
            simulator.step();
        }

        assertThat(failing.attempts()).isEqualTo(10);
        assertThat(simulator.errors()).isEqualTo(10);
    }

    @Test
    void shouldRejectConfigurationWhenAccountRateOrInstrumentsAreInvalid() {
        assertThatThrownBy(() -> new AccountSimulator(publisher, " ", instruments, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AccountSimulator(publisher, ACCOUNT, List.of(), 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AccountSimulator(publisher, ACCOUNT, instruments, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AccountSimulator(publisher, ACCOUNT, instruments, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private List<Map<String, Object>> run(int steps) throws IOException {
        AccountSimulator simulator = simulator(publisher, new SplittableRandom(42));
        for (int i = 0; i < steps; i++) {
            simulator.step();
        }
        assertThat(simulator.errors()).isZero();
        return publisher.parsedAccountEvents();
    }

    private AccountSimulator simulator(MarketPublisher target, SplittableRandom random) {
        return simulator(target, random, 20);
    }

    private AccountSimulator simulator(MarketPublisher target, SplittableRandom random, double rate) {
        return new AccountSimulator(target, ACCOUNT, instruments, rate, random, CLOCK);
    }

    private Map<String, Object> data(Map<String, Object> event) {
        return RecordingPublisher.object(event.get("data"));
    }

    /** The profit or loss a fill realizes against the position published before it, in dollars. */
    private static BigDecimal realized(Map<String, Object> position, Map<String, Object> fill) {
        BigDecimal held = position == null ? BigDecimal.ZERO : (BigDecimal) position.get("quantity");
        BigDecimal filled = (BigDecimal) fill.get("quantity");
        int direction = fill.get("side").equals("buy") ? 1 : -1;
        if (held.signum() == 0 || held.signum() == direction) {
            return BigDecimal.ZERO;
        }
        BigDecimal closed = held.abs().min(filled);
        BigDecimal move = ((BigDecimal) fill.get("price")).subtract((BigDecimal) position.get("averagePrice"));
        return move.multiply(closed).multiply(BigDecimal.valueOf(held.signum())).setScale(2, RoundingMode.HALF_EVEN);
    }

    /** Fails every account event: odd attempts at once, even ones later. Thread-safe. */
    private static final class FailingPublisher implements MarketPublisher {

        private final AtomicLong attempts = new AtomicLong();

        @Override
        public CompletionStage<Void> publishMarketData(String instrumentId, String updateJson) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<Void> publishTrade(String instrumentId, String tradeJson) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<Void> publishAccountEvent(String account, String eventJson) {
            if (attempts.incrementAndGet() % 2 == 1) {
                throw new IllegalStateException("bus down");
            }
            return CompletableFuture.failedFuture(new IllegalStateException("bus went down"));
        }

        @Override
        public CompletionStage<Void> putInstrument(Instrument instrument) {
            throw new UnsupportedOperationException();
        }

        long attempts() {
            return attempts.get();
        }
    }
}
