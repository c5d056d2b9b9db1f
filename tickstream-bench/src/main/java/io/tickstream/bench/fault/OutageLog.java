package io.tickstream.bench.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The outages of the gateway's pub/sub connection, each from the moment the bench sent the kill
 * to the moment it saw the gateway subscribed again, and the latency of every message published
 * within one: the recovery time. A message that arrives while its outage is still open waits here
 * until the outage's end is known. Thread-safe: outages begin and end on the driving thread,
 * messages arrive on the clients' event loops.
 */
final class OutageLog {

    private record Window(long fromNanos, long toNanos) {
    }

    private final List<Window> closed = new CopyOnWriteArrayList<>();
    private final Recorder recoveryMicros = new Recorder(3);
    /** Arrivals during the open outage: publish time, then latency in microseconds; guarded by this. */
    private final List<long[]> pending = new ArrayList<>();
    private volatile long openSince = Long.MAX_VALUE;

    synchronized void begin(long nanos) {
        openSince = nanos;
    }

    /** Ends the open outage: what arrived meanwhile and was published before {@code nanos} counts. */
    synchronized void end(long nanos) {
        closed.add(new Window(openSince, nanos));
        for (long[] arrival : pending) {
            if (arrival[0] <= nanos) {
                recoveryMicros.recordValue(arrival[1]);
            }
        }
        pending.clear();
        openSince = Long.MAX_VALUE;
    }

    /** A message published at {@code probeNanos} arrived {@code latencyMicros} later. */
    void arrived(long probeNanos, long latencyMicros) {
        if (probeNanos >= openSince) {
            synchronized (this) {
                if (probeNanos >= openSince) {
                    pending.add(new long[] {probeNanos, latencyMicros});
                    return;
                }
            }
        }
        for (int i = closed.size() - 1; i >= 0; i--) {
            Window window = closed.get(i);
            if (probeNanos >= window.fromNanos()) {
                if (probeNanos <= window.toNanos()) {
                    recoveryMicros.recordValue(latencyMicros);
                }
                return;
            }
        }
    }

    /** The recovery times recorded so far. */
    Histogram recovery() {
        return recoveryMicros.getIntervalHistogram();
    }
}
