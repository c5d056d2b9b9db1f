package io.tickstream.metrics;

import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The one reader of the bus-to-socket latency recorder. Drains it (every second by the gateway's
 * housekeeping thread, and before every read) into a cumulative histogram for {@code /metrics}
 * and a window of the last {@value #WINDOW_SECONDS} seconds for the operator view. Thread-safe:
 * every method holds the monitor; the hot path only touches the lock-free {@link Recorder}.
 */
public final class DeliveryLatency {

    public static final int WINDOW_SECONDS = 10;

    private final Recorder recorder;
    private final LongSupplier clockMillis;
    private final Histogram total = new Histogram(3);
    private final Histogram[] slots = new Histogram[WINDOW_SECONDS];
    private final long[] slotSecond = new long[WINDOW_SECONDS];
    private Histogram interval;
    private double sumMicros;

    public DeliveryLatency(Recorder recorder, LongSupplier clockMillis) {
        this.recorder = recorder;
        this.clockMillis = clockMillis;
        for (int i = 0; i < WINDOW_SECONDS; i++) {
            slots[i] = new Histogram(3);
            slotSecond[i] = Long.MIN_VALUE;
        }
    }

    /** Moves what was recorded since the last drain into the cumulative histogram and the current second. */
    public synchronized void drain() {
        interval = recorder.getIntervalHistogram(interval);
        if (interval.getTotalCount() == 0) {
            return;
        }
        total.add(interval);
        sumMicros += interval.getMean() * interval.getTotalCount();
        long second = clockMillis.getAsLong() / 1000;
        int slot = (int) Math.floorMod(second, (long) WINDOW_SECONDS);
        if (slotSecond[slot] != second) {
            slots[slot].reset();
            slotSecond[slot] = second;
        }
        slots[slot].add(interval);
    }

    /** Percentiles of the last {@value #WINDOW_SECONDS} seconds, in microseconds. */
    public synchronized Percentiles window() {
        drain();
        long now = clockMillis.getAsLong() / 1000;
        Histogram merged = new Histogram(3);
        for (int i = 0; i < WINDOW_SECONDS; i++) {
            if (slotSecond[i] > now - WINDOW_SECONDS) {
                merged.add(slots[i]);
            }
        }
        return Percentiles.of(merged);
    }

    /**
     * Everything recorded since start, for a Prometheus histogram: how many values fell at or
     * below each bound (cumulative), their count and their sum.
     */
    public synchronized Cumulative cumulative(long[] upperBoundsMicros) {
        drain();
        long[] atOrBelow = new long[upperBoundsMicros.length];
        for (int i = 0; i < upperBoundsMicros.length; i++) {
            atOrBelow[i] = total.getTotalCount() == 0 ? 0 : total.getCountBetweenValues(0, upperBoundsMicros[i]);
        }
        return new Cumulative(atOrBelow, total.getTotalCount(), sumMicros);
    }

    /** Latency percentiles in microseconds; all 0 when nothing was recorded. */
    public record Percentiles(long count, long p50, long p90, long p99, long p999, long max) {

        static Percentiles of(Histogram histogram) {
            if (histogram.getTotalCount() == 0) {
                return new Percentiles(0, 0, 0, 0, 0, 0);
            }
            return new Percentiles(histogram.getTotalCount(),
                    histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(90),
                    histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9),
                    histogram.getMaxValue());
        }
    }

    /** Cumulative counts at or below each bound, the total count and the sum, in microseconds. */
    public record Cumulative(long[] atOrBelow, long count, double sumMicros) {
    }
}
