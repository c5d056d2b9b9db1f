package io.tickstream.metrics;

import java.util.function.LongSupplier;

/**
 * Per-second rates of the gateway's main counters, from the difference between two samples. The
 * gateway's housekeeping thread calls {@link #sample()} every second; any thread reads
 * {@link #rates()} (the rates of the last sampled interval).
 */
public final class RateMeter {

    private final LongSupplier[] counters;
    private final LongSupplier clockNanos;
    private long[] previous;
    private long previousNanos;
    private volatile Rates rates = new Rates(0, 0, 0, 0, 0);

    /** The counters whose rates are kept, each read as a running total. */
    public RateMeter(LongSupplier busMessages, LongSupplier framesOut, LongSupplier bytesOut,
                     LongSupplier conflatedFrames, LongSupplier clientMessages, LongSupplier clockNanos) {
        this.counters = new LongSupplier[] {busMessages, framesOut, bytesOut, conflatedFrames, clientMessages};
        this.clockNanos = clockNanos;
    }

    /** Takes a sample; the rates cover the time since the one before. Call from one thread. */
    public void sample() {
        long now = clockNanos.getAsLong();
        long[] current = new long[counters.length];
        for (int i = 0; i < counters.length; i++) {
            current[i] = counters[i].getAsLong();
        }
        if (previous != null && now > previousNanos) {
            double seconds = (now - previousNanos) / 1e9;
            rates = new Rates(perSecond(current, 0, seconds), perSecond(current, 1, seconds),
                    perSecond(current, 2, seconds), perSecond(current, 3, seconds), perSecond(current, 4, seconds));
        }
        previous = current;
        previousNanos = now;
    }

    public Rates rates() {
        return rates;
    }

    private double perSecond(long[] current, int i, double seconds) {
        return (current[i] - previous[i]) / seconds;
    }

    /** Per-second rates over the last sampled interval. */
    public record Rates(double busMessages, double framesOut, double bytesOut, double conflatedFrames,
                        double clientMessages) {
    }
}
