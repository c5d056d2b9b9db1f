package io.tickstream.bench.fault;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What the fault scenario's clients got, summed over all of them: counts (the distinct ones tell
 * when the stragglers are in), publish-to-arrival latency of every first arrival, and the outages
 * with their recovery times. Thread-safe.
 */
public final class FaultStats {

    /** Trade and account messages, duplicates included. */
    final LongAdder received = new LongAdder();
    /** Messages that were new to the client that got them. */
    final LongAdder distinct = new LongAdder();
    /** Messages no subscription asked for: without seq, before the client's position, or of a stream it never joined. */
    final LongAdder unexpected = new LongAdder();
    final LongAdder gaps = new LongAdder();
    final LongAdder closedByServer = new LongAdder();
    /** Connects that failed, refused authentications, error replies, unreadable messages, pipeline exceptions. */
    final LongAdder failures = new LongAdder();
    private final Recorder latencyMicros = new Recorder(3);
    private final OutageLog outages = new OutageLog();
    private volatile long recordFromNanos = Long.MAX_VALUE;

    /** Latency is recorded for messages published from this instant, after the warm-up. */
    public void recordFrom(long nanos) {
        recordFromNanos = nanos;
    }

    /** A message new to its client, published at {@code probeNanos} (its probe), arrived now. */
    void arrived(long probeNanos) {
        long micros = Math.max(0, (System.nanoTime() - probeNanos) / 1_000);
        if (probeNanos >= recordFromNanos) {
            latencyMicros.recordValue(micros);
        }
        outages.arrived(probeNanos, micros);
    }

    OutageLog outages() {
        return outages;
    }

    /**
     * Waits for the messages still in flight: until {@code expected} distinct messages are in, or
     * none came for {@code quiet}, for at most {@code max}.
     */
    public void awaitDistinct(long expected, Duration quiet, Duration max)
            throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        long last = distinct.sum();
        long lastGrew = System.nanoTime();
        while (last < expected && System.nanoTime() < deadline && System.nanoTime() - lastGrew < quiet.toNanos()) {
            Thread.sleep(50);
            long now = distinct.sum();
            if (now != last) {
                last = now;
                lastGrew = System.nanoTime();
            }
        }
    }

    public long received() {
        return received.sum();
    }

    public long unexpected() {
        return unexpected.sum();
    }

    public long gaps() {
        return gaps.sum();
    }

    public long closedByServer() {
        return closedByServer.sum();
    }

    public long failures() {
        return failures.sum();
    }

    /** End-to-end latency of the messages published after the warm-up, in microseconds. */
    public Histogram latency() {
        return latencyMicros.getIntervalHistogram();
    }

    /** Latency of the messages published during an outage, in microseconds. */
    public Histogram recovery() {
        return outages.recovery();
    }
}
