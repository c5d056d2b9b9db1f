package io.tickstream.bench.micro;

import io.tickstream.candle.BarStore;
import io.tickstream.candle.CandleSettings;
import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one trade costs the bar builder: its price and quantity read from their published text and
 * added to the open bar of all seven intervals (a new 1s bar every 20 trades, so bars open and
 * retention trims as they would on a busy instrument). In memory, as the embedded bus does it
 * before its journal write.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BarBenchmark {

    private static final String[] PRICES = {"1.08512", "1.08515", "1.0851", "1.08498", "1.08530", "1.08507"};
    private static final String[] QUANTITIES = {"100000", "0.5", "250000.25", "1", "0.001"};

    private BarStore store;
    private long time;
    private int n;

    @Setup
    public void setUp() {
        store = new BarStore(CandleSettings.defaults());
        time = 1_700_000_000_000L;
    }

    @Benchmark
    public BarStore tradeOnSevenIntervals() {
        n++;
        time += 50;
        store.addTrade("12345", time, new BigDecimal(PRICES[n % PRICES.length]),
                new BigDecimal(QUANTITIES[n % QUANTITIES.length]));
        return store;
    }
}
