package io.tickstream.bench.micro;

import io.tickstream.alert.Alert;
import io.tickstream.alert.AlertCondition;
import io.tickstream.alert.AlertEngine;
import io.tickstream.alert.AlertField;
import io.tickstream.alert.AlertSink;
import io.tickstream.alert.AlertStatus;
import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a quote change costs the price alerts when it fires nothing: the instrument's alerts on
 * bid, ask and mid sit above and below the market (all four conditions), and each change moves
 * bid and ask between two levels inside them. Run with {@code -prof gc}: the path must not
 * allocate ({@code gc.alloc.rate.norm} ≈ 0 B/op), whatever the number of alerts.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AlertEngineBenchmark {

    private static final String INSTRUMENT = "1";

    /** Alerts on the one instrument. */
    @Param({"100", "100000"})
    public int alerts;

    private AlertEngine engine;
    private final BigDecimal[] bids = {new BigDecimal("1.08500"), new BigDecimal("1.08510")};
    private final BigDecimal[] asks = {new BigDecimal("1.08520"), new BigDecimal("1.08530")};
    private long fired;
    private int turn;

    @Setup
    public void setUp() {
        engine = new AlertEngine(new AlertSink() {
            @Override
            public void fire(Alert alert, long generation, BigDecimal value, long atMillis) {
                fired++;
            }

            @Override
            public void expire(Alert alert) {
            }
        }, new AlertSink.Instruments() {
            @Override
            public void watch(String instrumentId) {
            }

            @Override
            public void unwatch(String instrumentId) {
            }
        });
        AlertField[] fields = {AlertField.BID, AlertField.ASK, AlertField.MID};
        AlertCondition[] conditions = AlertCondition.values();
        for (int i = 0; i < alerts; i++) {
            AlertCondition condition = conditions[i % conditions.length];
            // Upward conditions above the market, downward ones below it, one pip apart.
            BigDecimal offset = new BigDecimal("0.0001").multiply(BigDecimal.valueOf(10 + i / 8));
            BigDecimal price = condition.upward() ? new BigDecimal("1.0860").add(offset)
                    : new BigDecimal("1.0840").subtract(offset);
            engine.add(new Alert("a" + i, "bench", "EURUSD", INSTRUMENT, fields[i % fields.length], condition, price,
                    true, 0, 0, null, null, 0), AlertStatus.NEW, 0);
        }
        engine.quote(INSTRUMENT, bids[0], asks[0], 0);
    }

    @Benchmark
    public long quoteChangeFiringNothing() {
        turn ^= 1;
        engine.quote(INSTRUMENT, bids[turn], asks[turn], 1);
        if (fired != 0) {
            throw new IllegalStateException("an alert fired: the benchmark measures the path that fires nothing");
        }
        return turn;
    }
}
