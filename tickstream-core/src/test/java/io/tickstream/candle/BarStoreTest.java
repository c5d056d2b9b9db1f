package io.tickstream.candle;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.testkit.OfflineBars;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BarStoreTest {

    private static final long BASE = 1_700_000_000_000L;

    @TempDir
    Path directory;

    @Test
    void shouldBuildEveryUtcIntervalExactlyAsTheOfflineComputation() {
        List<OfflineBars.Print> tape = OfflineBars.tape(7, 3_000, BASE, 997);
        BarStore store = new BarStore(CandleSettings.defaults());
        add(store, "1", tape);

        for (CandleInterval interval : CandleInterval.values()) {
            assertThat(texts(store.read("1", interval, Long.MAX_VALUE, 1_000)))
                    .as(interval.label())
                    .containsExactlyElementsOf(last(OfflineBars.bars(tape, interval.millis()), 1_000));
        }
    }

    @Test
    void shouldAddQuantitiesExactlyWhereDoublesWouldNot() {
        BarStore store = new BarStore(CandleSettings.defaults());
        store.addTrade("1", BASE, new BigDecimal("1.10"), new BigDecimal("0.1"));
        store.addTrade("1", BASE + 1, new BigDecimal("1.1"), new BigDecimal("0.2"));
        store.addTrade("1", BASE + 2, new BigDecimal("-0.5"), new BigDecimal("0.00"));

        assertThat(texts(store.read("1", CandleInterval.M1, Long.MAX_VALUE, 10)))
                .containsExactly("[1699999980000,1.10,1.10,-0.5,-0.5,0.30,3]");
    }

    @Test
    void shouldCountALateTradeInTheOpenBarAndNeverReopenAClosedOne() {
        BarStore store = new BarStore(CandleSettings.defaults());
        store.addTrade("1", BASE, new BigDecimal("1"), BigDecimal.ONE);
        store.addTrade("1", BASE + 60_000, new BigDecimal("2"), BigDecimal.ONE);
        store.addTrade("1", BASE + 1, new BigDecimal("3"), BigDecimal.ONE);

        assertThat(texts(store.read("1", CandleInterval.M1, Long.MAX_VALUE, 10)))
                .containsExactly("[1699999980000,1,1,1,1,1,1]", "[1700000040000,2,3,2,3,2,2]");
    }

    @Test
    void shouldStartDayBarsAtMidnightInTheConfiguredZone() {
        ZoneId newYork = ZoneId.of("America/New_York");
        BarStore store = new BarStore(new CandleSettings(newYork, Map.of(), null));
        long beforeMidnight = ZonedDateTime.of(2024, 7, 1, 23, 59, 0, 0, newYork).toInstant().toEpochMilli();
        long afterMidnight = beforeMidnight + 120_000;
        store.addTrade("1", beforeMidnight, BigDecimal.ONE, BigDecimal.ONE);
        store.addTrade("1", afterMidnight, BigDecimal.TEN, BigDecimal.ONE);

        List<Bar> days = store.read("1", CandleInterval.D1, Long.MAX_VALUE, 10);

        assertThat(days).extracting(Bar::start).containsExactly(
                ZonedDateTime.of(2024, 7, 1, 0, 0, 0, 0, newYork).toInstant().toEpochMilli(),
                ZonedDateTime.of(2024, 7, 2, 0, 0, 0, 0, newYork).toInstant().toEpochMilli());
    }

    @Test
    void shouldDropBarsOlderThanTheRetentionAsNewBarsOpen() {
        BarStore store = new BarStore(new CandleSettings(ZoneOffset.UTC, Map.of(CandleInterval.S1, Duration.ofSeconds(3)), null));
        for (int i = 0; i < 10; i++) {
            store.addTrade("1", BASE + i * 1_000L, BigDecimal.ONE, BigDecimal.ONE);
        }

        assertThat(store.read("1", CandleInterval.S1, Long.MAX_VALUE, 100)).extracting(Bar::start)
                .containsExactly(BASE + 6_000, BASE + 7_000, BASE + 8_000, BASE + 9_000);
        assertThat(store.read("1", CandleInterval.M1, Long.MAX_VALUE, 100)).hasSize(1);
    }

    @Test
    void shouldPageBackWithEndWithoutGapsOrOverlaps() {
        List<OfflineBars.Print> tape = OfflineBars.tape(3, 250, BASE, 1_000);
        BarStore store = new BarStore(CandleSettings.defaults());
        add(store, "1", tape);

        List<Bar> page = store.read("1", CandleInterval.S1, Long.MAX_VALUE, 100);
        List<String> joined = new ArrayList<>(texts(page));
        while (!page.isEmpty()) {
            page = store.read("1", CandleInterval.S1, page.get(0).start() - 1, 100);
            joined.addAll(0, texts(page));
        }

        assertThat(joined).containsExactlyElementsOf(OfflineBars.bars(tape, 1_000));
    }

    @Test
    void shouldKeepTheOpenBarAcrossARestartMidBar() {
        List<OfflineBars.Print> tape = OfflineBars.tape(11, 400, BASE, 250);
        CandleSettings settings = new CandleSettings(ZoneOffset.UTC, Map.of(), directory);
        try (BarStore before = new BarStore(settings)) {
            add(before, "1", tape.subList(0, 230));
        }
        try (BarStore after = new BarStore(settings)) {
            add(after, "1", tape.subList(230, tape.size()));
            for (CandleInterval interval : List.of(CandleInterval.S1, CandleInterval.M1, CandleInterval.D1)) {
                assertThat(texts(after.read("1", interval, Long.MAX_VALUE, 1_000))).as(interval.label())
                        .containsExactlyElementsOf(OfflineBars.bars(tape, interval.millis()));
            }
        }
        try (BarStore again = new BarStore(settings)) {
            assertThat(texts(again.read("1", CandleInterval.M1, Long.MAX_VALUE, 1_000)))
                    .containsExactlyElementsOf(OfflineBars.bars(tape, 60_000));
        }
    }

    @Test
    void shouldSkipATradeLineTornByACrash() throws IOException {
        CandleSettings settings = new CandleSettings(ZoneOffset.UTC, Map.of(), directory);
        try (BarStore before = new BarStore(settings)) {
            before.addTrade("a b", BASE, new BigDecimal("1.5"), new BigDecimal("2"));
        }
        Path journal;
        try (var files = Files.list(directory)) {
            journal = files.filter(path -> path.toString().endsWith(".journal")).findFirst().orElseThrow();
        }
        Files.writeString(journal, "a+b\t" + (BASE + 1) + "\t9\t1\na+b\t" + (BASE + 2) + "\t7\t10",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        try (BarStore after = new BarStore(settings)) {
            assertThat(texts(after.read("a b", CandleInterval.M1, Long.MAX_VALUE, 10)))
                    .containsExactly("[1699999980000,1.5,9,1.5,9,3,2]");
        }
    }

    private static void add(BarStore store, String id, List<OfflineBars.Print> prints) {
        for (OfflineBars.Print print : prints) {
            store.addTrade(id, print.time(), new BigDecimal(print.price()), new BigDecimal(print.quantity()));
        }
    }

    private static List<String> texts(List<Bar> bars) {
        return bars.stream().map(Bar::toJsonArray).toList();
    }

    private static List<String> last(List<String> all, int count) {
        return all.subList(Math.max(0, all.size() - count), all.size());
    }
}
