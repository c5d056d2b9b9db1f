package io.tickstream.bench.load;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * What the clients received: message counts and publish-to-receipt latency in microseconds, for
 * the normal clients and (separately) the deliberately slow ones. Thread-safe.
 */
public final class DeliveryStats {

    public final LongAdder received = new LongAdder();
    public final LongAdder receivedBySlow = new LongAdder();
    public final Recorder latencyMicros = new Recorder(3);
    public final Recorder slowLatencyMicros = new Recorder(3);
    public final LongAdder closedByServer = new LongAdder();
    public final LongAdder failures = new LongAdder();
    /** Bytes the clients read off their sockets, headers and compression included. */
    public final LongAdder wireBytes = new LongAdder();
    private volatile long countFromNanos = Long.MAX_VALUE;
    private volatile long recordFromNanos = Long.MAX_VALUE;

    /** Messages probed before this instant (snapshots of earlier runs) are not counted. */
    public void countFrom(long nanos) {
        countFromNanos = nanos;
    }

    /** Latency is recorded only from this instant, after the warm-up. */
    public void recordFrom(long nanos) {
        recordFromNanos = nanos;
    }

    /**
     * Waits for the messages still in flight after the publisher stopped: until {@link #received}
     * reaches {@code total} or has not grown for half a second, for at most ten seconds.
     */
    public void awaitReceived(long total) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        long last = -1;
        while (System.nanoTime() < deadline) {
            long now = received.sum();
            if (now == total || now == last) {
                return;
            }
            last = now;
            Thread.sleep(500);
        }
    }

    void onProbe(long probeNanos, boolean slow) {
        if (probeNanos < countFromNanos) {
            return;
        }
        (slow ? receivedBySlow : received).increment();
        if (probeNanos >= recordFromNanos) {
            long micros = Math.max(0, (System.nanoTime() - probeNanos) / 1_000);
            (slow ? slowLatencyMicros : latencyMicros).recordValue(micros);
        }
    }
}
