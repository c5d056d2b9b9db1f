package io.tickstream.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delays between connection attempts: exponential with "equal jitter". Retry {@code n} waits a
 * random time in {@code [cap/2, cap]} with {@code cap = min(backoffMax, backoffBase * 2^(n-1))}, so
 * delays grow (each is at least the previous cap) and clients that lost the same server do not come
 * back in lockstep. Immutable, thread-safe.
 */
final class Backoff {

    private final long baseNanos;
    private final long maxNanos;

    Backoff(Duration base, Duration max) {
        this.baseNanos = base.toNanos();
        this.maxNanos = max.toNanos();
    }

    /** The cap of retry {@code retry} (1 for the first retry). */
    long capNanos(int retry) {
        int doublings = Math.max(0, Math.min(retry - 1, 62));
        long cap = baseNanos;
        for (int i = 0; i < doublings && cap < maxNanos; i++) {
            cap = cap > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : cap * 2;
        }
        return Math.min(cap, maxNanos);
    }

    Duration delay(int retry) {
        long cap = capNanos(retry);
        long half = cap / 2;
        return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(cap - half + 1));
    }
}
